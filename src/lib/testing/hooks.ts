/**
 * Test-only hooks, in builds made with VITE_TEST_HOOKS=1 (the end-to-end runner's build; never
 * `npm start`'s). They call the app's own actions, so a spec that needs 200 queued requests
 * gets exactly what 200 uses of the form would leave, without typing them.
 */
import type { ServiceRequestBody } from '$lib/api/schemas';
import { fileServiceRequest } from '$lib/actions/support';

export interface QueuedRequest {
	title: string;
	description?: string;
	supportTopicId?: string;
}

export function install(): void {
	Object.assign(window, {
		__pmTest: {
			async fileServiceRequests(items: QueuedRequest[]): Promise<void> {
				for (const [i, item] of items.entries()) {
					const body: ServiceRequestBody = {
						title: item.title,
						description: item.description ?? `Queued while offline, number ${i}.`,
						severity: 'moderate',
						supportTopicId: item.supportTopicId ?? 'billing',
						primaryContact: { name: 'Alex Admin', email: 'admin@contoso.example' }
					};
					await fileServiceRequest(body, 'en');
				}
			}
		}
	});
}
