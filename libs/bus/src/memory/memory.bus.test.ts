import { busContract } from '../contract/bus.contract.suite';
import { MemoryBus } from './memory.bus';

busContract('in-process', { bus: () => new MemoryBus({ retryDelayMs: 5 }), timeoutMs: 5_000 });
