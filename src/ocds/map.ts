import { mapAwards, mapBids } from './map-awards';
import { MapContext, type CompiledProcess, type MapOptions, type MappedRecord } from './map-context';
import { mapAmendments, mapContracts } from './map-contracts';
import { mapProject } from './map-project';
import type { Problem } from './ocds.types';

/**
 * One compiled release → the hub's push records, in the order a batch stores them
 * (project, lots, notices, bids, awards, contracts, contract performance), each with its
 * origin. Values are passed on as the publisher gave them: the push validation judges them,
 * and the origin turns its field paths back into OCDS paths.
 */
export function mapCompiledRelease(process: CompiledProcess, options: MapOptions = {}): { records: MappedRecord[]; problems: Problem[] } {
  const ctx = new MapContext(process, options);
  mapProject(ctx);
  mapAmendments(ctx);
  mapBids(ctx);
  mapAwards(ctx);
  mapContracts(ctx);
  const order = ['project', 'lot', 'notice', 'bid', 'award', 'contract', 'contract_performance'];
  const records = [...ctx.records].sort((a, b) => order.indexOf(String(a.record.type)) - order.indexOf(String(b.record.type)));
  return { records, problems: ctx.problems };
}
