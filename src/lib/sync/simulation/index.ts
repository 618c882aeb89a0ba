export { runSeed, describeFailure, type SeedResult } from './runner';
