import type { Caller } from '../auth/caller';
import type { Services } from '../server/services';
import type { Loaders } from './loaders';

/** What every resolver receives: who is calling, the services, and this request's loaders. */
export interface HubContext {
  caller: Caller | null;
  services: Services;
  loaders: Loaders;
}
