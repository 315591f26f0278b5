import type { UsStateCode } from '../../shared/places.ts';

/**
 * Larger US cities, each under its most populous state when the name is shared (Portland → OR,
 * Kansas City → MO). A modest list: "City, ST" forms find every other town.
 */
export const US_CITIES: readonly (readonly [string, UsStateCode])[] = [
  ['New York', 'NY'], ['Los Angeles', 'CA'], ['Chicago', 'IL'], ['Houston', 'TX'], ['Phoenix', 'AZ'],
  ['Philadelphia', 'PA'], ['San Antonio', 'TX'], ['San Diego', 'CA'], ['Dallas', 'TX'], ['San Jose', 'CA'],
  ['Austin', 'TX'], ['Jacksonville', 'FL'], ['Fort Worth', 'TX'], ['Columbus', 'OH'], ['Charlotte', 'NC'],
  ['Indianapolis', 'IN'], ['San Francisco', 'CA'], ['Seattle', 'WA'], ['Denver', 'CO'], ['Oklahoma City', 'OK'],
  ['Nashville', 'TN'], ['El Paso', 'TX'], ['Boston', 'MA'], ['Portland', 'OR'], ['Las Vegas', 'NV'],
  ['Detroit', 'MI'], ['Memphis', 'TN'], ['Louisville', 'KY'], ['Baltimore', 'MD'], ['Milwaukee', 'WI'],
  ['Albuquerque', 'NM'], ['Tucson', 'AZ'], ['Fresno', 'CA'], ['Sacramento', 'CA'], ['Mesa', 'AZ'],
  ['Kansas City', 'MO'], ['Atlanta', 'GA'], ['Omaha', 'NE'], ['Colorado Springs', 'CO'], ['Raleigh', 'NC'],
  ['Long Beach', 'CA'], ['Virginia Beach', 'VA'], ['Miami', 'FL'], ['Oakland', 'CA'], ['Minneapolis', 'MN'],
  ['Tulsa', 'OK'], ['Bakersfield', 'CA'], ['Wichita', 'KS'], ['Arlington', 'TX'], ['Aurora', 'CO'],
  ['Tampa', 'FL'], ['New Orleans', 'LA'], ['Cleveland', 'OH'], ['Honolulu', 'HI'], ['Anaheim', 'CA'],
  ['Lexington', 'KY'], ['Stockton', 'CA'], ['Corpus Christi', 'TX'], ['Henderson', 'NV'], ['Riverside', 'CA'],
  ['Newark', 'NJ'], ['Saint Paul', 'MN'], ['St. Paul', 'MN'], ['Santa Ana', 'CA'], ['Cincinnati', 'OH'],
  ['Irvine', 'CA'], ['Orlando', 'FL'], ['Pittsburgh', 'PA'], ['St. Louis', 'MO'], ['Saint Louis', 'MO'],
  ['Greensboro', 'NC'], ['Jersey City', 'NJ'], ['Anchorage', 'AK'], ['Lincoln', 'NE'], ['Plano', 'TX'],
  ['Durham', 'NC'], ['Buffalo', 'NY'], ['Chandler', 'AZ'], ['Chula Vista', 'CA'], ['Gilbert', 'AZ'],
  ['Madison', 'WI'], ['Reno', 'NV'], ['Fort Wayne', 'IN'], ['North Las Vegas', 'NV'], ['St. Petersburg', 'FL'],
  ['Lubbock', 'TX'], ['Irving', 'TX'], ['Laredo', 'TX'], ['Winston-Salem', 'NC'], ['Chesapeake', 'VA'],
  ['Glendale', 'AZ'], ['Garland', 'TX'], ['Scottsdale', 'AZ'], ['Norfolk', 'VA'], ['Boise', 'ID'],
  ['Fremont', 'CA'], ['Spokane', 'WA'], ['Santa Clarita', 'CA'], ['Baton Rouge', 'LA'], ['Richmond', 'VA'],
  ['Hialeah', 'FL'], ['San Bernardino', 'CA'], ['Tacoma', 'WA'], ['Modesto', 'CA'], ['Huntsville', 'AL'],
  ['Des Moines', 'IA'], ['Yonkers', 'NY'], ['Rochester', 'NY'], ['Moreno Valley', 'CA'], ['Fayetteville', 'NC'],
  ['Fontana', 'CA'], ['Worcester', 'MA'], ['Port St. Lucie', 'FL'], ['Little Rock', 'AR'],
  ['Augusta', 'GA'], ['Oxnard', 'CA'], ['Birmingham', 'AL'], ['Montgomery', 'AL'], ['Frisco', 'TX'],
  ['Amarillo', 'TX'], ['Salt Lake City', 'UT'], ['Grand Rapids', 'MI'], ['Huntington Beach', 'CA'],
  ['Overland Park', 'KS'], ['Tallahassee', 'FL'], ['Grand Prairie', 'TX'], ['Mobile', 'AL'], ['Knoxville', 'TN'],
  ['Shreveport', 'LA'], ['Chattanooga', 'TN'], ['Providence', 'RI'], ['Fort Lauderdale', 'FL'],
  ['Jackson', 'MS'], ['Savannah', 'GA'], ['Charleston', 'SC'], ['Syracuse', 'NY'], ['Springfield', 'MO'],
  ['Sioux Falls', 'SD'], ['Hartford', 'CT'], ['Bridgeport', 'CT'], ['Wilmington', 'DE'], ['Manchester', 'NH'],
  ['Burlington', 'VT'], ['Billings', 'MT'], ['Fargo', 'ND'], ['Cheyenne', 'WY'],
  ['Columbia', 'SC'], ['Norman', 'OK'], ['Broken Arrow', 'OK'], ['Lawton', 'OK'],
  ['Edmond', 'OK'], ['San Juan', 'PR'], ['Miami Beach', 'FL'], ['Atlantic City', 'NJ'],
];

/**
 * Cities that are also first names or words ("I'm Savannah", "Mobile only"): they count in
 * "City, ST" forms, never alone. The same goes for states named like people ("Georgia").
 */
export const NOT_ALONE: ReadonlySet<string> = new Set([
  'Austin', 'Savannah', 'Charlotte', 'Madison', 'Jackson', 'Lincoln', 'Aurora', 'Augusta', 'Norman', 'Irving',
  'Henderson', 'Gilbert', 'Chandler', 'Mobile', 'Columbia', 'Montgomery', 'Irvine', 'Garland', 'Georgia', 'Virginia',
]);
