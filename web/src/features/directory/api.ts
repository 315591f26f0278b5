import { api, query } from '../../api/client';
import type { Ok, ProviderSearch } from '../../api/types';

export type { Provider, ProviderSearch } from '../../api/types';

export const directoryApi = {
  search: async (search: ProviderSearch, signal: AbortSignal) =>
    (await api.get<Ok<'/api/v1/providers', 'get'>>(`/api/v1/providers${query(search)}`, { signal })).items,
};
