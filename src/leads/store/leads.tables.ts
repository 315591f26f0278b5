import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type GeneratedTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json<T> = ColumnType<T, string, string>;

export interface StoredMark {
  kind: string;
  value: string;
  obfuscated: boolean;
  start: number;
  end: number;
}
export interface StoredFlag {
  code: string;
  entry: string;
  category: string;
  evidence: string;
  matched: string;
  start: number;
  end: number;
}

export interface AdvertsTable {
  id: Generated<number>;
  source_id: string;
  url: string | null;
  site: string | null;
  posted_at: Timestamp | null;
  city: string | null;
  state: string | null;
  title: string | null;
  body: string | null;
  /** Spans are into `title + "\n" + body`, the text the extractor read. */
  marks: Json<StoredMark[]>;
  flags: Json<StoredFlag[]>;
  pdq: ColumnType<string[], string[] | undefined, string[]>;
  imported_at: GeneratedTimestamp;
}

export interface AdvertIdentifiersTable {
  advert_id: number;
  kind: string;
  value: string;
  /** The linking key (`tel:`, `email:`, `handle:`, `pdq:`). */
  key: string;
  /** Blind token of phones, emails and handles: matched against cases and tips by equality. */
  token: string | null;
}

export interface AdvertLinksTable {
  advert_id: number;
  network_id: string;
}

export interface AdvertNetworksTable {
  id: string;
  first_posted_at: Timestamp | null;
  created_at: GeneratedTimestamp;
}

export interface AdvertNetworkMergesTable {
  merged_id: string;
  into_id: string;
  merged_at: GeneratedTimestamp;
}

export interface AdvertHubsTable {
  key: string;
  reason: string;
  adverts: number | null;
  added_by: string | null;
  added_at: GeneratedTimestamp;
}

export interface LeadsTable {
  id: Generated<number>;
  advert_id: number;
  target_kind: 'case' | 'tip';
  target_ref: string;
  matched_kind: string;
  matched_value: string;
  matched_token: string;
  status: Generated<'new' | 'confirmed' | 'dismissed'>;
  strength: Generated<'strong' | 'weak'>;
  reason: string | null;
  decided_by: string | null;
  decided_at: Timestamp | null;
  note: string | null;
  created_at: GeneratedTimestamp;
}

export interface LexiconEntriesTable {
  id: string;
  entry: Json<Record<string, unknown>>;
  added_by: string;
  added_at: GeneratedTimestamp;
}

export interface LeadsTables {
  adverts: AdvertsTable;
  advert_identifiers: AdvertIdentifiersTable;
  advert_links: AdvertLinksTable;
  advert_networks: AdvertNetworksTable;
  advert_network_merges: AdvertNetworkMergesTable;
  advert_hubs: AdvertHubsTable;
  leads: LeadsTable;
  lexicon_entries: LexiconEntriesTable;
}
