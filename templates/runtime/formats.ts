// apigen runtime: copied verbatim into clients whose validators check a string or number format (runtime/).
// The checks of every format JSON Schema 2020-12 §7.3 and OpenAPI name, for the generated validators.ts, which
// imports only those its schemas use: named exports without side effects, so a bundler keeps only what is called.
// Dates and times are parsed by character, not by a capturing regex: they sit on the hot path of most APIs.

const DAYS_IN_MONTH = [0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** The number the ASCII digits `s[start..end)` write, or -1 when one of them is not a digit (or is missing). */
function digitsAt(s: string, start: number, end: number): number {
  let n = 0;
  for (let i = start; i < end; i++) {
    const d = s.charCodeAt(i) - 48;
    if (!(d >= 0 && d <= 9)) return -1;
    n = n * 10 + d;
  }
  return n;
}

/** RFC 3339 full-date (`YYYY-MM-DD`) at `start`, with real month lengths and leap years. */
function isFullDate(s: string, start: number): boolean {
  if (s.charCodeAt(start + 4) !== 45 || s.charCodeAt(start + 7) !== 45) return false;
  const year = digitsAt(s, start, start + 4);
  const month = digitsAt(s, start + 5, start + 7);
  const day = digitsAt(s, start + 8, start + 10);
  if (year < 0 || month < 1 || month > 12 || day < 1) return false;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return day <= (month === 2 && leap ? 29 : (DAYS_IN_MONTH[month] as number));
}

/**
 * RFC 3339 full-time from `start` to the end of `s`: `HH:MM:SS`, optional fraction, then `Z` or `±HH:MM` (required).
 * Second 60 exists only as the last second of a UTC day (§5.7): 23:59:60 once the offset is applied.
 */
function isFullTime(s: string, start: number): boolean {
  if (s.charCodeAt(start + 2) !== 58 || s.charCodeAt(start + 5) !== 58) return false;
  const hour = digitsAt(s, start, start + 2);
  const minute = digitsAt(s, start + 3, start + 5);
  const second = digitsAt(s, start + 6, start + 8);
  if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 60) return false;
  let i = start + 8;
  if (s.charCodeAt(i) === 46) {
    const fraction = ++i;
    while (digitsAt(s, i, i + 1) >= 0) i++;
    if (i === fraction) return false;
  }
  const zone = s.charCodeAt(i);
  let offset = 0;
  if (zone === 90 || zone === 122) {
    if (i + 1 !== s.length) return false;
  } else if (zone === 43 || zone === 45) {
    if (i + 6 !== s.length || s.charCodeAt(i + 3) !== 58) return false;
    const offsetHour = digitsAt(s, i + 1, i + 3);
    const offsetMinute = digitsAt(s, i + 4, i + 6);
    if (offsetHour < 0 || offsetHour > 23 || offsetMinute < 0 || offsetMinute > 59) return false;
    offset = (zone === 45 ? -1 : 1) * (offsetHour * 60 + offsetMinute);
  } else return false;
  return second !== 60 || (((hour * 60 + minute - offset) % 1440) + 1440) % 1440 === 1439;
}

/**
 * RFC 3339 full-date.
 * @internal
 */
export function $isDate(s: string): boolean {
  return s.length === 10 && isFullDate(s, 0);
}

/**
 * RFC 3339 full-time (time zone required).
 * @internal
 */
export function $isTime(s: string): boolean {
  return isFullTime(s, 0);
}

/**
 * RFC 3339 date-time: full-date, `T` (or `t`, or a space, as §5.6 allows), full-time.
 * @internal
 */
export function $isDateTime(s: string): boolean {
  const separator = s.charCodeAt(10);
  return (separator === 84 || separator === 116 || separator === 32) && isFullDate(s, 0) && isFullTime(s, 11);
}

/** RFC 3339 Appendix A duration: weeks alone, or date units then time units, each in order, no fractions or signs. */
const $DURATION =
  /^P(?:\d+W|(?:\d+Y(?:\d+M(?:\d+D)?)?|\d+M(?:\d+D)?|\d+D)(?:T(?:\d+H(?:\d+M(?:\d+S)?)?|\d+M(?:\d+S)?|\d+S))?|T(?:\d+H(?:\d+M(?:\d+S)?)?|\d+M(?:\d+S)?|\d+S))$/;

/** @internal */
export function $isDuration(s: string): boolean {
  return $DURATION.test(s);
}

/** RFC 4122 text form: 8-4-4-4-12 hex digits (any version, any variant), no `urn:uuid:` prefix.
 * @internal
 */
export function $isUuid(s: string): boolean {
  if (s.length !== 36) return false;
  for (let i = 0; i < 36; i++) {
    const c = s.charCodeAt(i) | 0x20; // ASCII lower case; "-" (0x2d) stays itself
    const dash = i === 8 || i === 13 || i === 18 || i === 23;
    if (dash ? c !== 0x2d : !((c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x66))) return false;
  }
  return true;
}

const $EMAIL_LOCAL =
  /^(?:[a-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*|"(?:[\x20\x21\x23-\x5b\x5d-\x7e]|\\[\x20-\x7e])*")$/i;

/** RFC 5321 Mailbox: a dot-string or quoted local part, `@`, a host name or an address literal (`[1.2.3.4]`, `[IPv6:…]`).
 * @internal
 */
export function $isEmail(s: string): boolean {
  const at = s.lastIndexOf("@");
  return at > 0 && $EMAIL_LOCAL.test(s.slice(0, at)) && $isMailDomain(s.slice(at + 1), false);
}

const $IDN_EMAIL_LOCAL =
  /^(?:(?:[a-z0-9!#$%&'*+/=?^_`{|}~-]|[^\x00-\x7f])+(?:\.(?:[a-z0-9!#$%&'*+/=?^_`{|}~-]|[^\x00-\x7f])+)*|"(?:[\x20\x21\x23-\x5b\x5d-\x7e]|[^\x00-\x7f]|\\[\x20-\x7e])*")$/iu;

/** RFC 6531 Mailbox: as `email`, with UTF-8 in the local part and an internationalized host name.
 * @internal
 */
export function $isIdnEmail(s: string): boolean {
  const at = s.lastIndexOf("@");
  return at > 0 && $IDN_EMAIL_LOCAL.test(s.slice(0, at)) && $isMailDomain(s.slice(at + 1), true);
}

function $isMailDomain(domain: string, idn: boolean): boolean {
  if (domain.startsWith("[") && domain.endsWith("]")) {
    const literal = domain.slice(1, -1);
    return /^IPv6:/i.test(literal) ? $isIpv6(literal.slice(5)) : $isIpv4(literal);
  }
  return idn ? $isIdnHostname(domain) : $isHostname(domain);
}

const $IPV4 = /^(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/;

/** @internal */
export function $isIpv4(s: string): boolean {
  return $IPV4.test(s);
}

/** RFC 4291 text form: eight hex groups, one `::` at most, an IPv4 tail allowed.
 * @internal
 */
export function $isIpv6(s: string): boolean {
  const halves = s.split("::");
  if (halves.length > 2) return false;
  const groups = halves.flatMap((h) => (h === "" ? [] : h.split(":")));
  let count = 0;
  for (let i = 0; i < groups.length; i++) {
    const g = groups[i] ?? "";
    if (i === groups.length - 1 && g.includes(".")) {
      if (!$isIpv4(g)) return false;
      count += 2;
    } else if (/^[0-9a-f]{1,4}$/i.test(g)) count++;
    else return false;
  }
  return halves.length === 2 ? count <= 7 : count === 8;
}

const $LDH_LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/i;

/**
 * RFC 1123 host name: dot-separated letter-digit-hyphen labels of 1 to 63 characters, 253 in all, no trailing dot.
 * An `xn--` label must be a valid A-label (RFC 5891): canonical Punycode of a valid U-label.
 * @internal
 */
export function $isHostname(s: string): boolean {
  if (s.length === 0 || s.length > 253) return false;
  const labels = s.split(".");
  const unicode: string[] = [];
  for (const label of labels) {
    if (!$LDH_LABEL.test(label)) return false;
    const u = /^xn--/i.test(label) ? $aLabelToU(label) : label;
    if (u === undefined) return false;
    unicode.push(u);
  }
  return $bidiOk(unicode);
}

/** RFC 5890 internationalized host name: U-labels or A-labels between any of the four IDNA dots; lengths as A-labels.
 * @internal
 */
export function $isIdnHostname(s: string): boolean {
  const labels = s.split(/[.\u3002\uff0e\uff61]/);
  const unicode: string[] = [];
  let length = labels.length - 1;
  for (let label of labels) {
    let u: string | undefined = label;
    if (/^[\x00-\x7f]*$/.test(label)) {
      if (!$LDH_LABEL.test(label)) return false;
      if (/^xn--/i.test(label)) u = $aLabelToU(label);
      length += label.length;
    } else {
      label = label.normalize("NFC"); // IDNA maps input to NFC before it checks the label (RFC 5895)
      u = label;
      const encoded = $punyEncode(label);
      if (!$isULabel(label) || encoded === undefined || encoded.length + 4 > 63) return false;
      length += encoded.length + 4;
    }
    if (u === undefined) return false;
    unicode.push(u);
  }
  return length <= 253 && $bidiOk(unicode);
}

/** The U-label of an A-label, if it is one: Punycode that decodes to non-ASCII text, re-encodes to itself, and is a valid U-label. */
function $aLabelToU(label: string): string | undefined {
  const code = label.slice(4).toLowerCase();
  const u = $punyDecode(code);
  if (u === undefined || /^[\x00-\x7f]*$/.test(u) || $punyEncode(u) !== code) return undefined;
  return $isULabel(u) ? u : undefined;
}

const $PUNY = { base: 36, tMin: 1, tMax: 26, skew: 38, damp: 700, initialBias: 72, initialN: 128 };

function $punyAdapt(delta: number, points: number, first: boolean): number {
  let d = first ? Math.floor(delta / $PUNY.damp) : delta >> 1;
  d += Math.floor(d / points);
  let k = 0;
  for (; d > (($PUNY.base - $PUNY.tMin) * $PUNY.tMax) >> 1; k += $PUNY.base)
    d = Math.floor(d / ($PUNY.base - $PUNY.tMin));
  return k + Math.floor((($PUNY.base - $PUNY.tMin + 1) * d) / (d + $PUNY.skew));
}

function $punyThreshold(k: number, bias: number): number {
  return k <= bias ? $PUNY.tMin : k >= bias + $PUNY.tMax ? $PUNY.tMax : k - bias;
}

/** RFC 3492 §6.2 decoding (lower-case input); undefined when the input is not Punycode. */
function $punyDecode(input: string): string | undefined {
  const dash = input.lastIndexOf("-");
  const out: number[] = [];
  for (let j = 0; j < Math.max(dash, 0); j++) {
    const c = input.charCodeAt(j);
    if (c >= 0x80) return undefined;
    out.push(c);
  }
  let n = $PUNY.initialN;
  let bias = $PUNY.initialBias;
  let i = 0;
  for (let at = dash >= 0 ? dash + 1 : 0; at < input.length;) {
    const old = i;
    for (let w = 1, k = $PUNY.base; ; k += $PUNY.base) {
      if (at >= input.length) return undefined;
      const c = input.charCodeAt(at++);
      const digit = c >= 0x30 && c <= 0x39 ? c - 22 : c >= 0x61 && c <= 0x7a ? c - 0x61 : -1;
      if (digit < 0) return undefined;
      i += digit * w;
      const t = $punyThreshold(k, bias);
      if (digit < t) break;
      w *= $PUNY.base - t;
      if (i > 0x10ffff * (out.length + 1)) return undefined;
    }
    bias = $punyAdapt(i - old, out.length + 1, old === 0);
    n += Math.floor(i / (out.length + 1));
    i %= out.length + 1;
    if (n > 0x10ffff || (n >= 0xd800 && n <= 0xdfff)) return undefined;
    out.splice(i++, 0, n);
  }
  return String.fromCodePoint(...out);
}

/** RFC 3492 §6.3 encoding of a label (its Punycode, without `xn--`). */
function $punyEncode(label: string): string | undefined {
  const points = Array.from(label, (c) => c.codePointAt(0) ?? 0);
  let out = points
    .filter((c) => c < 0x80)
    .map((c) => String.fromCharCode(c))
    .join("");
  const basic = out.length;
  let handled = basic;
  if (basic > 0) out += "-";
  let n = $PUNY.initialN;
  let bias = $PUNY.initialBias;
  let delta = 0;
  while (handled < points.length) {
    const m = Math.min(...points.filter((c) => c >= n));
    delta += (m - n) * (handled + 1);
    n = m;
    for (const c of points) {
      if (c < n) delta++;
      if (c !== n) continue;
      let q = delta;
      for (let k = $PUNY.base; ; k += $PUNY.base) {
        const t = $punyThreshold(k, bias);
        if (q < t) break;
        const digit = t + ((q - t) % ($PUNY.base - t));
        out += String.fromCharCode(digit < 26 ? digit + 0x61 : digit + 22);
        q = Math.floor((q - t) / ($PUNY.base - t));
      }
      out += String.fromCharCode(q < 26 ? q + 0x61 : q + 22);
      bias = $punyAdapt(delta, handled + 1, handled === basic);
      delta = 0;
      handled++;
    }
    delta++;
    n++;
  }
  return out;
}

/** IDNA2008 (RFC 5892) exceptions: PVALID and DISALLOWED code points whose category alone would say otherwise. */
const $IDNA_PVALID = /^[\u00df\u03c2\u06fd\u06fe\u0f0b\u3007]$/u;
const $IDNA_DISALLOWED = /^[\u0640\u07fa\u302e\u302f\u3031-\u3035\u303b]$/u;
/** Letters, digits and marks (RFC 5892 §2.1 LetterDigits); anything else is DISALLOWED unless listed. */
const $IDNA_LETTER_DIGIT = /^[\p{Ll}\p{Lo}\p{Lm}\p{Mn}\p{Mc}\p{Nd}]$/u;
const $VIRAMA =
  /[\u094d\u09cd\u0a4d\u0acd\u0b4d\u0bcd\u0c4d\u0ccd\u0d3b\u0d3c\u0d4d\u0dca\u0e3a\u0eba\u0f84\u1039\u103a\u1714\u1734\u17d2\u1a60\u1b44\u1baa\u1bab\u1bf2\u1bf3\u2d7f\ua806\ua8c4\ua953\ua9c0\uaaf6\uabed]$/u;

/**
 * A U-label (RFC 5891 §5.4): NFC, no hyphen at either end or in positions 3 and 4, not starting with a mark, every
 * code point PVALID or allowed by its CONTEXTJ/CONTEXTO rule (RFC 5892 Appendix A).
 */
function $isULabel(u: string): boolean {
  if (
    u === "" ||
    u !== u.normalize("NFC") ||
    u.startsWith("-") ||
    u.endsWith("-") ||
    u.slice(2, 4) === "--" ||
    /^\p{M}/u.test(u)
  )
    return false;
  const chars = Array.from(u);
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i] as string;
    if (/^[a-z0-9-]$/.test(c) || $IDNA_PVALID.test(c)) continue;
    if (!$contextOk(c, chars, i) || $IDNA_DISALLOWED.test(c)) return false;
    if (/^[\u00b7\u0375\u05f3\u05f4\u30fb\u0660-\u0669\u06f0-\u06f9\u200c\u200d]$/u.test(c)) continue;
    if (!$IDNA_LETTER_DIGIT.test(c) || c.normalize("NFKC").toLowerCase() !== c) return false;
  }
  return true;
}

/** The CONTEXTJ and CONTEXTO rules of RFC 5892 Appendix A; true for every other code point. */
function $contextOk(c: string, chars: string[], i: number): boolean {
  const before = chars[i - 1] ?? "";
  const after = chars[i + 1] ?? "";
  switch (c) {
    case "\u00b7":
      return before === "l" && after === "l";
    case "\u0375":
      return /^\p{Script=Greek}$/u.test(after);
    case "\u05f3":
    case "\u05f4":
      return /^\p{Script=Hebrew}$/u.test(before);
    case "\u30fb":
      return chars.some((x) => x !== "\u30fb" && /^[\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Han}]$/u.test(x));
    case "\u200d":
      return $VIRAMA.test(before);
    case "\u200c":
      return $VIRAMA.test(before) || $zwnjJoins(chars, i);
  }
  if (/^[\u0660-\u0669]$/u.test(c)) return !chars.some((x) => /^[\u06f0-\u06f9]$/u.test(x));
  if (/^[\u06f0-\u06f9]$/u.test(c)) return !chars.some((x) => /^[\u0660-\u0669]$/u.test(x));
  return true;
}

/** ZWNJ between two joining letters (Arabic-script letters here), transparent marks skipped. */
function $zwnjJoins(chars: string[], i: number): boolean {
  const joining = /^[\p{Script=Arabic}\p{Script=Syriac}\p{Script=Nko}\p{Script=Mongolian}]$/u;
  let b = i - 1;
  while (b >= 0 && /^\p{Mn}$/u.test(chars[b] as string)) b--;
  let a = i + 1;
  while (a < chars.length && /^\p{Mn}$/u.test(chars[a] as string)) a++;
  return (
    b >= 0 &&
    a < chars.length &&
    joining.test(chars[b] as string) &&
    /^\p{L}$/u.test(chars[b] as string) &&
    joining.test(chars[a] as string) &&
    /^\p{L}$/u.test(chars[a] as string)
  );
}

const $BIDI_RTL =
  /[\p{Script=Hebrew}\p{Script=Arabic}\p{Script=Syriac}\p{Script=Thaana}\p{Script=Nko}\p{Script=Samaritan}\p{Script=Mandaic}\p{Script=Adlam}]/u;
const $BIDI_AN = /[\u0600-\u0605\u0660-\u0669\u066b\u066c\u06dd\u08e2]/u;

/** The Bidi rule (RFC 5893 §2), in a domain with a right-to-left label: each label reads one way, ends right, keeps one kind of digit. */
function $bidiOk(labels: string[]): boolean {
  const kind = (c: string) =>
    $BIDI_AN.test(c)
      ? "AN"
      : /[0-9\u06f0-\u06f9]/u.test(c)
        ? "EN"
        : /\p{Mn}/u.test(c)
          ? "NSM"
          : $BIDI_RTL.test(c) && /[\p{L}\p{So}]/u.test(c)
            ? "R"
            : /\p{L}/u.test(c)
              ? "L"
              : "ON";
  const kindsOf = labels.map((label) => Array.from(label, kind));
  if (!kindsOf.some((kinds) => kinds.includes("R") || kinds.includes("AN"))) return true;
  for (const kinds of kindsOf) {
    const last = [...kinds].reverse().find((k) => k !== "NSM");
    if (kinds[0] === "R") {
      if (
        kinds.includes("L") ||
        (kinds.includes("EN") && kinds.includes("AN")) ||
        !["R", "EN", "AN"].includes(last ?? "")
      )
        return false;
    } else if (kinds[0] === "L") {
      if (kinds.includes("R") || kinds.includes("AN") || !["L", "EN"].includes(last ?? "")) return false;
    } else return false;
  }
  return true;
}

const $URI_REFERENCE = /^(?:([a-z][a-z0-9+.-]*):)?(?:\/\/([^/?#]*))?([^?#]*)(?:\?([^#]*))?(?:#(.*))?$/is;
const $URI_PATH = /^(?:[a-z0-9\-._~!$&'()*+,;=:@/]|%[0-9a-f]{2})*$/i;
const $URI_QUERY = /^(?:[a-z0-9\-._~!$&'()*+,;=:@/?]|%[0-9a-f]{2})*$/i;
const $URI_USER = /^(?:[a-z0-9\-._~!$&'()*+,;=:]|%[0-9a-f]{2})*$/i;
const $URI_HOST = /^(?:[a-z0-9\-._~!$&'()*+,;=]|%[0-9a-f]{2})*$/i;
const $IRI_PATH =
  /^(?:[a-z0-9\-._~!$&'()*+,;=:@/\u00a0-\ud7ff\uf900-\ufdcf\ufdf0-\uffef\u{10000}-\u{1fffd}\u{20000}-\u{2fffd}\u{30000}-\u{3fffd}\u{40000}-\u{4fffd}\u{50000}-\u{5fffd}\u{60000}-\u{6fffd}\u{70000}-\u{7fffd}\u{80000}-\u{8fffd}\u{90000}-\u{9fffd}\u{a0000}-\u{afffd}\u{b0000}-\u{bfffd}\u{c0000}-\u{cfffd}\u{d0000}-\u{dfffd}\u{e1000}-\u{efffd}]|%[0-9a-f]{2})*$/iu;
const $IRI_QUERY =
  /^(?:[a-z0-9\-._~!$&'()*+,;=:@/?\u00a0-\ud7ff\ue000-\uf8ff\uf900-\ufdcf\ufdf0-\uffef\u{10000}-\u{10fffd}]|%[0-9a-f]{2})*$/iu;
const $IRI_USER =
  /^(?:[a-z0-9\-._~!$&'()*+,;=:\u00a0-\ud7ff\uf900-\ufdcf\ufdf0-\uffef\u{10000}-\u{efffd}]|%[0-9a-f]{2})*$/iu;
const $IRI_HOST =
  /^(?:[a-z0-9\-._~!$&'()*+,;=\u00a0-\ud7ff\uf900-\ufdcf\ufdf0-\uffef\u{10000}-\u{efffd}]|%[0-9a-f]{2})*$/iu;

/**
 * RFC 3986 URI-reference (RFC 3987 IRI-reference when `iri`): scheme (required when `absolute`), authority with an
 * optional user, an IP literal or registered name and a numeric port, then path, query and fragment of allowed
 * characters and well-formed percent escapes. A relative path's first segment has no colon.
 */
function $isUriReference(s: string, absolute: boolean, iri: boolean): boolean {
  const m = $URI_REFERENCE.exec(s);
  if (!m || (absolute && m[1] === undefined)) return false;
  const [, scheme, authority, path = "", query, fragment] = m;
  const pathChars = iri ? $IRI_PATH : $URI_PATH;
  const queryChars = iri ? $IRI_QUERY : $URI_QUERY;
  if (
    !pathChars.test(path) ||
    (query !== undefined && !queryChars.test(query)) ||
    (fragment !== undefined && !(iri ? $IRI_PATH : $URI_QUERY).test(fragment.replace(/\?/g, "")))
  )
    return false;
  if (scheme === undefined && authority === undefined && /^[^/]*:/.test(path)) return false;
  if (authority === undefined) return true;
  const at = authority.indexOf("@");
  if (at >= 0 && !(iri ? $IRI_USER : $URI_USER).test(authority.slice(0, at))) return false;
  const hostPort = authority.slice(at + 1);
  const literal = /^\[([^\]]*)\](?::(\d*))?$/.exec(hostPort);
  if (literal) return $isIpv6(literal[1] ?? "") || /^v[0-9a-f]+\.[a-z0-9\-._~!$&'()*+,;=:]+$/i.test(literal[1] ?? "");
  const colon = hostPort.lastIndexOf(":");
  const host = colon >= 0 ? hostPort.slice(0, colon) : hostPort;
  return (colon < 0 || /^\d*$/.test(hostPort.slice(colon + 1))) && (iri ? $IRI_HOST : $URI_HOST).test(host);
}

/** An absolute URI (RFC 3986 §3, ASCII only).
 * @internal
 */
export function $isUri(s: string): boolean {
  return $isUriReference(s, true, false);
}

/** A URI or a relative reference (RFC 3986 §4.1).
 * @internal
 */
export function $isUriRef(s: string): boolean {
  return $isUriReference(s, false, false);
}

/** An absolute IRI (RFC 3987 §2.2): a URI that may also hold non-ASCII characters.
 * @internal
 */
export function $isIri(s: string): boolean {
  return $isUriReference(s, true, true);
}

/** @internal */
export function $isIriRef(s: string): boolean {
  return $isUriReference(s, false, true);
}

/** RFC 6570 URI Template: literals, and expressions of an optional operator and comma-separated varspecs. */
const $URI_TEMPLATE =
  /^(?:[^\x00-\x20"%<>\\^`{|}\x7f]|%[0-9a-f]{2}|\{[+#./;?&=,!@|]?(?:[a-z0-9_]|%[0-9a-f]{2})+(?:\.(?:[a-z0-9_]|%[0-9a-f]{2})+)*(?::[1-9]\d{0,3}|\*)?(?:,(?:[a-z0-9_]|%[0-9a-f]{2})+(?:\.(?:[a-z0-9_]|%[0-9a-f]{2})+)*(?::[1-9]\d{0,3}|\*)?)*\})*$/iu;

/** @internal */
export function $isUriTemplate(s: string): boolean {
  return $URI_TEMPLATE.test(s);
}

const $JSON_POINTER = /^(?:\/(?:[^~/]|~[01])*)*$/u;

/** RFC 6901 JSON pointer (string form): empty, or `/`-prefixed tokens where `~` is only `~0` or `~1`.
 * @internal
 */
export function $isJsonPointer(s: string): boolean {
  return $JSON_POINTER.test(s);
}

const $RELATIVE_JSON_POINTER = /^(?:0|[1-9][0-9]*)(?:#|(?:\/(?:[^~/]|~[01])*)*)$/u;

/** Relative JSON Pointer (draft-handrews-relative-json-pointer-01): a non-negative integer, then `#` or a JSON pointer.
 * @internal
 */
export function $isRelativeJsonPointer(s: string): boolean {
  return $RELATIVE_JSON_POINTER.test(s);
}

/** An ECMA-262 regular expression, as JSON Schema's patterns are (unicode mode, which refuses unknown escapes).
 * @internal
 */
export function $isRegex(s: string): boolean {
  try {
    new RegExp(s, "u");
    return true;
  } catch {
    return false;
  }
}

const $BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** Base64 (RFC 4648), as OpenAPI's `byte` format.
 * @internal
 */
export function $isByte(s: string): boolean {
  return s.length % 4 === 0 && $BASE64.test(s);
}

/** @internal */
export function $isInt32(n: number): boolean {
  return Number.isInteger(n) && n >= -2147483648 && n <= 2147483647;
}

/** @internal */
export function $isInt64(n: number): boolean {
  return Number.isInteger(n);
}
