/**
 * Long alternations of words rewritten as trees of their first characters. V8 tries every alternative
 * of an alternation at every position of the text, about 1 ns per character per alternative; as a tree,
 * it tries at each position only the words that start with the character there. What matches, where,
 * with which groups, and which alternative is chosen all stay as they were.
 */

// What a pattern's alternative may not start with for its first character to be a plain literal one.
const NOT_LITERAL = new Set([...'\\^$.|?*+()[]{}']);
const QUANTIFIER = new Set([...'?*+{']);

/** An alternative's first character when it is a literal one, not quantified; else null. */
function leadingLiteral(alternative: string): string | null {
  const first = alternative.codePointAt(0);
  if (first === undefined) return null;
  const character = String.fromCodePoint(first);
  if (NOT_LITERAL.has(character) || QUANTIFIER.has(alternative[character.length] ?? '')) return null;
  return character;
}

/**
 * Alternatives as a tree of their shared first characters ("engineer|entwickler" → "e(?:ngineer|ntwickler)"),
 * so that the engine tries at each position only the words that start with the character there. What
 * matches is unchanged, and so is the alternative chosen: an alternative joins an earlier one's branch
 * only past alternatives that cannot match where it does (another first character, not the same letter
 * in another case when the pattern ignores case), so any two that can keep their order.
 */
function asTree(alternatives: string[], ignoreCase: boolean): string[] {
  const branches: { first: string | null; tails: string[] }[] = [];
  const clash = (a: string, b: string) =>
    a === b || (ignoreCase && (a.toLowerCase() === b.toLowerCase() || a.toUpperCase() === b.toUpperCase()));
  for (const alternative of alternatives) {
    const first = leadingLiteral(alternative);
    let branch: { first: string | null; tails: string[] } | undefined;
    for (let k = branches.length - 1; first !== null && k >= 0; k--) {
      const earlier = branches[k];
      if (earlier?.first === null || clash(earlier?.first ?? '', first)) {
        if (earlier?.first === first) branch = earlier;
        break;
      }
    }
    const tail = first === null ? alternative : alternative.slice(first.length);
    if (branch) branch.tails.push(tail);
    else branches.push({ first, tails: [tail] });
  }
  return branches.map(({ first, tails }) => {
    if (first === null) return tails[0] ?? '';
    // One way on ("interview" → "i" then "nterview"): no group needed.
    const next = tails.length === 1 ? tails : asTree(tails, ignoreCase);
    return next.length === 1 ? first + (next[0] ?? '') : `${first}(?:${next.join('|')})`;
  });
}

/** Where a group's content starts and ends and whether it captures, for each group of a pattern's source. */
function groupsOf(source: string): { from: number; to: number; capturing: boolean }[] {
  const groups: { from: number; to: number; capturing: boolean }[] = [];
  const open: { from: number; capturing: boolean }[] = [];
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') i++;
    else if (inClass) inClass = c !== ']';
    else if (c === '[') inClass = true;
    else if (c === '(') {
      const capturing = source[i + 1] !== '?';
      const from = capturing ? i + 1 : source.startsWith('?:', i + 1) ? i + 3 : -1;
      open.push({ from, capturing });
    } else if (c === ')') {
      const group = open.pop();
      if (group && group.from >= 0) groups.push({ from: group.from, to: i, capturing: group.capturing });
    }
  }
  return groups;
}

/** A group's content split at its own '|' (not those of groups or classes inside it). */
function alternativesOf(content: string): string[] {
  const alternatives: string[] = [];
  let depth = 0;
  let inClass = false;
  let from = 0;
  for (let i = 0; i < content.length; i++) {
    const c = content[i];
    if (c === '\\') i++;
    else if (inClass) inClass = c !== ']';
    else if (c === '[') inClass = true;
    else if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === '|' && depth === 0) {
      alternatives.push(content.slice(from, i));
      from = i + 1;
    }
  }
  alternatives.push(content.slice(from));
  return alternatives;
}

/**
 * The same pattern with each long alternation of words as a tree of first characters (see asTree): a
 * group of many alternatives and no capturing group inside, whose groups keep their numbers.
 */
export function asWordTree(pattern: RegExp): RegExp {
  const { source } = pattern;
  const rewritten = groupsOf(source)
    .filter(({ from, to }) => {
      const content = source.slice(from, to);
      return alternativesOf(content).length >= 8 && !groupsOf(content).some((group) => group.capturing);
    })
    // Outermost groups only: an inner group is rewritten with its outer one's alternatives.
    .filter(
      (group, _, all) =>
        !all.some((other) => other !== group && other.from < group.from && other.to > group.to),
    )
    .sort((a, b) => b.from - a.from);
  let tree = source;
  for (const { from, to } of rewritten)
    tree =
      tree.slice(0, from) +
      asTree(alternativesOf(source.slice(from, to)), pattern.ignoreCase).join('|') +
      tree.slice(to);
  return new RegExp(tree, pattern.flags);
}
