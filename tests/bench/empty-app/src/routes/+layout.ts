// A static SPA, like the app: no server rendering, no prerendering, the shell answers every route.
export const ssr = false;
export const prerender = false;
