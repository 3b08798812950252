/**
 * Windows time zone ids → IANA names, as in CLDR's windowsZones.xml (territory "001", the zone each
 * Windows id stands for). Outlook and Exchange write these ids as a calendar's TZID ("Pacific Standard
 * Time"), and older versions write the display name instead ("(UTC-08:00) Pacific Time (US & Canada)",
 * "(GMT+01:00) Amsterdam, Berlin, Bern, Rome, Stockholm, Vienna", or without the offset prefix), so each
 * row also lists the display names Windows has shown for that id.
 *
 * Row: [Windows id, IANA name, ...display names without their "(UTC±hh:mm)" prefix].
 */
const WINDOWS_ZONES: ReadonlyArray<readonly [string, string, ...string[]]> = [
  ['Dateline Standard Time', 'Etc/GMT+12', 'International Date Line West'],
  ['UTC-11', 'Etc/GMT+11', 'Coordinated Universal Time-11'],
  ['Aleutian Standard Time', 'America/Adak', 'Aleutian Islands'],
  ['Hawaiian Standard Time', 'Pacific/Honolulu', 'Hawaii'],
  ['Marquesas Standard Time', 'Pacific/Marquesas', 'Marquesas Islands'],
  ['Alaskan Standard Time', 'America/Anchorage', 'Alaska'],
  ['UTC-09', 'Etc/GMT+9', 'Coordinated Universal Time-09'],
  ['Pacific Standard Time (Mexico)', 'America/Tijuana', 'Baja California', 'Tijuana, Baja California'],
  ['UTC-08', 'Etc/GMT+8', 'Coordinated Universal Time-08'],
  [
    'Pacific Standard Time',
    'America/Los_Angeles',
    'Pacific Time (US & Canada)',
    'Pacific Time (US & Canada); Tijuana',
    'Pacific',
  ],
  ['US Mountain Standard Time', 'America/Phoenix', 'Arizona'],
  [
    'Mountain Standard Time (Mexico)',
    'America/Mazatlan',
    'La Paz, Mazatlan',
    'Chihuahua, La Paz, Mazatlan',
    'Chihuahua, La Paz, Mazatlan - Old',
  ],
  ['Mountain Standard Time', 'America/Denver', 'Mountain Time (US & Canada)', 'Mountain'],
  ['Yukon Standard Time', 'America/Whitehorse', 'Yukon'],
  ['Central America Standard Time', 'America/Guatemala', 'Central America'],
  ['Central Standard Time', 'America/Chicago', 'Central Time (US & Canada)', 'Central'],
  ['Easter Island Standard Time', 'Pacific/Easter', 'Easter Island'],
  [
    'Central Standard Time (Mexico)',
    'America/Mexico_City',
    'Guadalajara, Mexico City, Monterrey',
    'Guadalajara, Mexico City, Monterrey - New',
  ],
  ['Mexico Standard Time', 'America/Mexico_City', 'Guadalajara, Mexico City, Monterrey - Old'],
  ['Mexico Standard Time 2', 'America/Chihuahua'],
  ['Canada Central Standard Time', 'America/Regina', 'Saskatchewan'],
  ['SA Pacific Standard Time', 'America/Bogota', 'Bogota, Lima, Quito, Rio Branco', 'Bogota, Lima, Quito'],
  ['Eastern Standard Time (Mexico)', 'America/Cancun', 'Chetumal'],
  ['Eastern Standard Time', 'America/New_York', 'Eastern Time (US & Canada)', 'Eastern'],
  ['Haiti Standard Time', 'America/Port-au-Prince', 'Haiti'],
  ['Cuba Standard Time', 'America/Havana', 'Havana'],
  ['US Eastern Standard Time', 'America/Indiana/Indianapolis', 'Indiana (East)'],
  ['Turks And Caicos Standard Time', 'America/Grand_Turk', 'Turks and Caicos'],
  ['Paraguay Standard Time', 'America/Asuncion', 'Asuncion'],
  ['Atlantic Standard Time', 'America/Halifax', 'Atlantic Time (Canada)'],
  ['Venezuela Standard Time', 'America/Caracas', 'Caracas'],
  ['Central Brazilian Standard Time', 'America/Cuiaba', 'Cuiaba', 'Manaus'],
  [
    'SA Western Standard Time',
    'America/La_Paz',
    'Georgetown, La Paz, Manaus, San Juan',
    'Georgetown, La Paz, San Juan',
  ],
  ['Pacific SA Standard Time', 'America/Santiago', 'Santiago'],
  ['Newfoundland Standard Time', 'America/St_Johns', 'Newfoundland', 'Newfoundland and Labrador'],
  ['Tocantins Standard Time', 'America/Araguaina', 'Araguaina'],
  ['E. South America Standard Time', 'America/Sao_Paulo', 'Brasilia'],
  ['SA Eastern Standard Time', 'America/Cayenne', 'Cayenne, Fortaleza'],
  ['Argentina Standard Time', 'America/Argentina/Buenos_Aires', 'City of Buenos Aires', 'Buenos Aires'],
  ['Greenland Standard Time', 'America/Nuuk', 'Greenland'],
  ['Montevideo Standard Time', 'America/Montevideo', 'Montevideo'],
  ['Magallanes Standard Time', 'America/Punta_Arenas', 'Punta Arenas'],
  ['Saint Pierre Standard Time', 'America/Miquelon', 'Saint Pierre and Miquelon'],
  ['Bahia Standard Time', 'America/Bahia', 'Salvador'],
  ['UTC-02', 'Etc/GMT+2', 'Coordinated Universal Time-02'],
  ['Mid-Atlantic Standard Time', 'Etc/GMT+2', 'Mid-Atlantic', 'Mid-Atlantic - Old'],
  ['Azores Standard Time', 'Atlantic/Azores', 'Azores'],
  ['Cape Verde Standard Time', 'Atlantic/Cape_Verde', 'Cabo Verde Is.', 'Cape Verde Is.'],
  ['UTC', 'Etc/UTC', 'Coordinated Universal Time'],
  [
    'GMT Standard Time',
    'Europe/London',
    'Dublin, Edinburgh, Lisbon, London',
    'Greenwich Mean Time : Dublin, Edinburgh, Lisbon, London',
    'Greenwich Mean Time: Dublin, Edinburgh, Lisbon, London',
  ],
  ['Greenwich Standard Time', 'Atlantic/Reykjavik', 'Monrovia, Reykjavik', 'Casablanca, Monrovia, Reykjavik'],
  ['Sao Tome Standard Time', 'Africa/Sao_Tome', 'Sao Tome'],
  ['Morocco Standard Time', 'Africa/Casablanca', 'Casablanca'],
  ['W. Europe Standard Time', 'Europe/Berlin', 'Amsterdam, Berlin, Bern, Rome, Stockholm, Vienna'],
  ['Central Europe Standard Time', 'Europe/Budapest', 'Belgrade, Bratislava, Budapest, Ljubljana, Prague'],
  ['Romance Standard Time', 'Europe/Paris', 'Brussels, Copenhagen, Madrid, Paris'],
  ['Central European Standard Time', 'Europe/Warsaw', 'Sarajevo, Skopje, Warsaw, Zagreb'],
  ['W. Central Africa Standard Time', 'Africa/Lagos', 'West Central Africa'],
  ['Jordan Standard Time', 'Asia/Amman', 'Amman'],
  ['GTB Standard Time', 'Europe/Bucharest', 'Athens, Bucharest', 'Athens, Bucharest, Istanbul'],
  ['Middle East Standard Time', 'Asia/Beirut', 'Beirut'],
  ['Egypt Standard Time', 'Africa/Cairo', 'Cairo'],
  ['E. Europe Standard Time', 'Europe/Chisinau', 'Chisinau', 'E. Europe'],
  ['Syria Standard Time', 'Asia/Damascus', 'Damascus'],
  ['West Bank Standard Time', 'Asia/Hebron', 'Gaza, Hebron'],
  ['South Africa Standard Time', 'Africa/Johannesburg', 'Harare, Pretoria'],
  [
    'FLE Standard Time',
    'Europe/Kyiv',
    'Helsinki, Kyiv, Riga, Sofia, Tallinn, Vilnius',
    'Helsinki, Kiev, Riga, Sofia, Tallinn, Vilnius',
  ],
  ['Israel Standard Time', 'Asia/Jerusalem', 'Jerusalem'],
  ['South Sudan Standard Time', 'Africa/Juba', 'Juba'],
  ['Kaliningrad Standard Time', 'Europe/Kaliningrad', 'Kaliningrad'],
  ['Sudan Standard Time', 'Africa/Khartoum', 'Khartoum'],
  ['Libya Standard Time', 'Africa/Tripoli', 'Tripoli'],
  ['Namibia Standard Time', 'Africa/Windhoek', 'Windhoek'],
  ['Arabic Standard Time', 'Asia/Baghdad', 'Baghdad'],
  ['Turkey Standard Time', 'Europe/Istanbul', 'Istanbul'],
  ['Arab Standard Time', 'Asia/Riyadh', 'Kuwait, Riyadh'],
  ['Belarus Standard Time', 'Europe/Minsk', 'Minsk'],
  [
    'Russian Standard Time',
    'Europe/Moscow',
    'Moscow, St. Petersburg',
    'Moscow, St. Petersburg, Volgograd',
    'Moscow, St. Petersburg, Volgograd (RTZ 2)',
  ],
  ['E. Africa Standard Time', 'Africa/Nairobi', 'Nairobi'],
  ['Volgograd Standard Time', 'Europe/Volgograd', 'Volgograd'],
  ['Iran Standard Time', 'Asia/Tehran', 'Tehran'],
  ['Arabian Standard Time', 'Asia/Dubai', 'Abu Dhabi, Muscat'],
  ['Astrakhan Standard Time', 'Europe/Astrakhan', 'Astrakhan, Ulyanovsk'],
  ['Azerbaijan Standard Time', 'Asia/Baku', 'Baku'],
  ['Russia Time Zone 3', 'Europe/Samara', 'Izhevsk, Samara', 'Izhevsk, Samara (RTZ 3)'],
  ['Mauritius Standard Time', 'Indian/Mauritius', 'Port Louis'],
  ['Saratov Standard Time', 'Europe/Saratov', 'Saratov'],
  ['Georgian Standard Time', 'Asia/Tbilisi', 'Tbilisi'],
  ['Caucasus Standard Time', 'Asia/Yerevan', 'Yerevan'],
  ['Armenian Standard Time', 'Asia/Yerevan'],
  ['Afghanistan Standard Time', 'Asia/Kabul', 'Kabul'],
  ['West Asia Standard Time', 'Asia/Tashkent', 'Ashgabat, Tashkent', 'Tashkent'],
  ['Qyzylorda Standard Time', 'Asia/Qyzylorda', 'Qyzylorda'],
  ['Ekaterinburg Standard Time', 'Asia/Yekaterinburg', 'Ekaterinburg', 'Ekaterinburg (RTZ 4)'],
  ['Pakistan Standard Time', 'Asia/Karachi', 'Islamabad, Karachi'],
  ['India Standard Time', 'Asia/Kolkata', 'Chennai, Kolkata, Mumbai, New Delhi'],
  ['Sri Lanka Standard Time', 'Asia/Colombo', 'Sri Jayawardenepura'],
  ['Nepal Standard Time', 'Asia/Kathmandu', 'Kathmandu'],
  ['Central Asia Standard Time', 'Asia/Bishkek', 'Bishkek', 'Astana'],
  ['Bangladesh Standard Time', 'Asia/Dhaka', 'Dhaka'],
  ['Omsk Standard Time', 'Asia/Omsk', 'Omsk'],
  ['Myanmar Standard Time', 'Asia/Yangon', 'Yangon (Rangoon)'],
  ['SE Asia Standard Time', 'Asia/Bangkok', 'Bangkok, Hanoi, Jakarta'],
  ['Altai Standard Time', 'Asia/Barnaul', 'Barnaul, Gorno-Altaysk'],
  ['W. Mongolia Standard Time', 'Asia/Hovd', 'Hovd'],
  ['North Asia Standard Time', 'Asia/Krasnoyarsk', 'Krasnoyarsk', 'Krasnoyarsk (RTZ 6)'],
  ['N. Central Asia Standard Time', 'Asia/Novosibirsk', 'Novosibirsk', 'Novosibirsk (RTZ 5)'],
  ['Tomsk Standard Time', 'Asia/Tomsk', 'Tomsk'],
  ['China Standard Time', 'Asia/Shanghai', 'Beijing, Chongqing, Hong Kong, Urumqi'],
  ['North Asia East Standard Time', 'Asia/Irkutsk', 'Irkutsk', 'Irkutsk (RTZ 7)'],
  ['Singapore Standard Time', 'Asia/Singapore', 'Kuala Lumpur, Singapore'],
  ['W. Australia Standard Time', 'Australia/Perth', 'Perth'],
  ['Taipei Standard Time', 'Asia/Taipei', 'Taipei'],
  ['Ulaanbaatar Standard Time', 'Asia/Ulaanbaatar', 'Ulaanbaatar'],
  ['Aus Central W. Standard Time', 'Australia/Eucla', 'Eucla'],
  ['Transbaikal Standard Time', 'Asia/Chita', 'Chita'],
  ['Tokyo Standard Time', 'Asia/Tokyo', 'Osaka, Sapporo, Tokyo'],
  ['North Korea Standard Time', 'Asia/Pyongyang', 'Pyongyang'],
  ['Korea Standard Time', 'Asia/Seoul', 'Seoul'],
  ['Yakutsk Standard Time', 'Asia/Yakutsk', 'Yakutsk', 'Yakutsk (RTZ 8)'],
  ['Cen. Australia Standard Time', 'Australia/Adelaide', 'Adelaide'],
  ['AUS Central Standard Time', 'Australia/Darwin', 'Darwin'],
  ['E. Australia Standard Time', 'Australia/Brisbane', 'Brisbane'],
  ['AUS Eastern Standard Time', 'Australia/Sydney', 'Canberra, Melbourne, Sydney'],
  ['West Pacific Standard Time', 'Pacific/Port_Moresby', 'Guam, Port Moresby'],
  ['Tasmania Standard Time', 'Australia/Hobart', 'Hobart'],
  ['Vladivostok Standard Time', 'Asia/Vladivostok', 'Vladivostok', 'Vladivostok, Magadan (RTZ 9)'],
  ['Lord Howe Standard Time', 'Australia/Lord_Howe', 'Lord Howe Island'],
  ['Bougainville Standard Time', 'Pacific/Bougainville', 'Bougainville Island'],
  ['Russia Time Zone 10', 'Asia/Srednekolymsk', 'Chokurdakh', 'Chokurdakh (RTZ 10)'],
  ['Magadan Standard Time', 'Asia/Magadan', 'Magadan'],
  ['Norfolk Standard Time', 'Pacific/Norfolk', 'Norfolk Island'],
  ['Sakhalin Standard Time', 'Asia/Sakhalin', 'Sakhalin'],
  ['Central Pacific Standard Time', 'Pacific/Guadalcanal', 'Solomon Is., New Caledonia', 'Solomon Is.'],
  [
    'Russia Time Zone 11',
    'Asia/Kamchatka',
    'Anadyr, Petropavlovsk-Kamchatsky',
    'Anadyr, Petropavlovsk-Kamchatsky (RTZ 11)',
  ],
  ['Kamchatka Standard Time', 'Asia/Kamchatka', 'Petropavlovsk-Kamchatsky - Old'],
  ['New Zealand Standard Time', 'Pacific/Auckland', 'Auckland, Wellington'],
  ['UTC+12', 'Etc/GMT-12', 'Coordinated Universal Time+12'],
  ['Fiji Standard Time', 'Pacific/Fiji', 'Fiji', 'Fiji, Marshall Is.'],
  ['Chatham Islands Standard Time', 'Pacific/Chatham', 'Chatham Islands'],
  ['UTC+13', 'Etc/GMT-13', 'Coordinated Universal Time+13'],
  ['Tonga Standard Time', 'Pacific/Tongatapu', "Nuku'alofa"],
  ['Samoa Standard Time', 'Pacific/Apia', 'Samoa'],
  ['Line Islands Standard Time', 'Pacific/Kiritimati', 'Kiritimati Island'],
];

/** Lower case, one space, separators unified: display names vary in ";" vs "," and spacing. */
function key(name: string): string {
  return name
    .toLowerCase()
    .replace(/\s*[,;/]\s*/g, ',')
    .replace(/\s+/g, ' ')
    .trim();
}

const BY_ID = new Map<string, string>();
const BY_DISPLAY_NAME = new Map<string, string>();
for (const [id, iana, ...displayNames] of WINDOWS_ZONES) {
  BY_ID.set(key(id), iana);
  for (const displayName of displayNames) BY_DISPLAY_NAME.set(key(displayName), iana);
}

/** Every Windows id in the table (for tests and documentation). */
export const WINDOWS_ZONE_IDS: readonly string[] = WINDOWS_ZONES.map(([id]) => id);

/** Every IANA name the table maps to. */
export const WINDOWS_ZONE_TARGETS: readonly string[] = [...new Set(WINDOWS_ZONES.map(([, iana]) => iana))];

/**
 * The first words of the keyed ids and display names: a name whose first word is none of them names no zone,
 * and is not keyed whole (text after a time is mostly no zone at all).
 */
const FIRST_WORDS: ReadonlySet<string> = new Set(
  [...BY_ID.keys(), ...BY_DISPLAY_NAME.keys()].map((name) => name.split(/[ ,]/, 1)[0] ?? ''),
);
/** A name's first word, as `key` would write it before its first space or separator. */
const FIRST_WORD = /^\s*([^\s,;/]*)/;

/** The shortest display name that counts when more places follow it ("Pacific" alone is too common). */
const MIN_PREFIX_NAME = 8;

/** "(UTC-08:00) ", "(GMT+01.00) ", "(UTC) ", "(GMT) " in front of a Windows display name. */
const OFFSET_PREFIX = /^\((?:utc|gmt)(?:\s?[+-]\d{1,2}(?:[:.]\d{2})?)?\)\s*/i;

/** The IANA name for a Windows zone id ("Pacific Standard Time"), or null. */
export function windowsIdToIana(id: string): string | null {
  if (id.length > 120) return null;
  return BY_ID.get(key(id)) ?? null;
}

/**
 * The IANA name for a Windows display name, with or without its offset prefix ("(UTC-08:00) Pacific Time
 * (US & Canada)", "Canberra, Melbourne, Sydney"), or for a Windows id written with such a prefix. Also
 * accepts a display name followed by more places ("Pacific Time (US & Canada), Tijuana"), as old Exchange
 * servers wrote them.
 */
export function windowsDisplayNameToIana(name: string): string | null {
  if (name.length > 200) return null;
  const stripped = name.replace(OFFSET_PREFIX, '');
  if (!FIRST_WORDS.has(FIRST_WORD.exec(stripped)?.[1]?.toLowerCase() ?? '')) return null;
  const bare = key(stripped);
  if (!bare) return null;
  const exact = BY_DISPLAY_NAME.get(bare) ?? BY_ID.get(bare);
  if (exact) return exact;
  // "Pacific Time (US & Canada),tijuana": the longest known display name the text starts with, followed
  // by a comma. Keyed names have no space around their commas, so each comma of the text ends one prefix
  // to look up, the last one that names a zone the longest.
  let found: string | null = null;
  for (let comma = bare.indexOf(',', MIN_PREFIX_NAME); comma !== -1; comma = bare.indexOf(',', comma + 1)) {
    found = BY_DISPLAY_NAME.get(bare.slice(0, comma)) ?? found;
  }
  return found;
}

/** The offset a Windows display name starts with ("(UTC+05:30) ..." → 330), or null. */
export function displayNameOffsetMinutes(name: string): number | null {
  const match = name.match(/^\((?:utc|gmt)\s?([+-])(\d{1,2})(?:[:.](\d{2}))?\)/i);
  if (!match) return /^\((?:utc|gmt)\)/i.test(name) ? 0 : null;
  const minutes = Number(match[2]) * 60 + Number(match[3] ?? 0);
  if (minutes > 14 * 60) return null;
  return match[1] === '-' ? -minutes : minutes;
}
