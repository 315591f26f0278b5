/** A half-open range [start, end) of UTF-16 code units in the ORIGINAL input, for highlighting. */
export interface TextSpan {
  start: number;
  end: number;
}

export type ObfuscationStyle =
  | 'plain'
  | 'separators'
  | 'digit_words'
  | 'tens_teens'
  | 'homophones'
  | 'lookalikes'
  | 'mixed_caps'
  | 'unicode_digits'
  | 'emoji_keycaps'
  | 'split_by_words'
  | 'prefix';

export interface FoundPhone {
  e164: string;
  obfuscated: boolean;
  styles: ObfuscationStyle[];
  span: TextSpan;
  text: string;
}
export interface FoundEmail {
  value: string;
  obfuscated: boolean;
  span: TextSpan;
}
export interface FoundHandle {
  platform: string | null;
  value: string;
  span: TextSpan;
}
export interface FoundUrl {
  value: string;
  host: string;
  span: TextSpan;
}
export interface FoundAge {
  value: number;
  span: TextSpan;
}
export interface FoundPlace {
  city: string | null;
  state: string;
  span: TextSpan;
}

export interface Extraction {
  phones: FoundPhone[];
  emails: FoundEmail[];
  handles: FoundHandle[];
  urls: FoundUrl[];
  ages: FoundAge[];
  places: FoundPlace[];
}

export interface ExtractOptions {
  defaultCountry?: 'US';
  /** The US state the text is about (a tip's location): places must agree with it. */
  state?: string | undefined;
}
