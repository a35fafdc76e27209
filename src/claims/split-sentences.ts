/** A piece of running text that may hold a claim: a sentence or a bullet item. */
export interface TextPiece {
  text: string;
  /** 1-based line where it starts. */
  line: number;
  bullet: boolean;
}

const BULLET = /^\s*(?:[-*•·–—]|\d{1,2}[.)])\s+/;
/** Abbreviations whose dot does not end a sentence. */
const ABBREVIATIONS =
  /(?:\b(?:U\.S|U\.K|EE\.UU|E\.U|No|Nos|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|approx|aprox|e\.g|i\.e|vs|Mr|Mrs|Dr|St|Inc|Co|Sr|Sra|núm|pág)\.)$/i;

/**
 * Splits an article into sentences and bullet items, keeping where each starts. A bullet line
 * (and the lines indented under it) is one item; prose is cut at sentence ends — not at the
 * dots of "U.S.", "EE.UU.", "No. 2" or "2.5".
 */
export function splitSentences(text: string): TextPiece[] {
  const out: TextPiece[] = [];
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  // A paragraph's text, and the line each of its characters came from.
  let para: { text: string; starts: { at: number; line: number }[] } | null = null;
  const flush = () => {
    if (para) out.push(...sentences(para.text, para.starts));
    para = null;
  };
  lines.forEach((raw, i) => {
    const line = raw.trimEnd();
    if (line.trim() === '') return flush();
    if (/^\s*#+\s+/.test(line)) {
      flush();
      out.push({ text: line.replace(/^\s*#+\s+/, ''), line: i + 1, bullet: false });
      return;
    }
    if (BULLET.test(line)) {
      flush();
      const item = line.replace(BULLET, '');
      for (const s of sentences(item, [{ at: 0, line: i + 1 }])) out.push({ ...s, bullet: true });
      return;
    }
    if (para) {
      para.starts.push({ at: para.text.length + 1, line: i + 1 });
      para.text += ` ${line.trim()}`;
    } else para = { text: line.trim(), starts: [{ at: 0, line: i + 1 }] };
  });
  flush();
  return out.filter((p) => /\p{L}/u.test(p.text));
}

function sentences(text: string, starts: { at: number; line: number }[]): TextPiece[] {
  // Sentence starts only move forward, so the line is found by walking on, not by searching
  // every line again for each sentence (quadratic on a text of many one-line sentences).
  let k = 0;
  const lineAt = (at: number) => {
    while (k + 1 < starts.length && starts[k + 1]!.at <= at) k++;
    return starts[k]!.line;
  };
  const out: TextPiece[] = [];
  let start = 0;
  const re = /[.!?…]+["”»)]?\s+(?=["“«¿¡(]?[\p{Lu}\d$])/gu;
  for (const m of text.matchAll(re)) {
    const end = m.index + m[0].length;
    const piece = text.slice(start, m.index + 1);
    if (ABBREVIATIONS.test(piece.trim())) continue;
    out.push({ text: text.slice(start, end).trim(), line: lineAt(start), bullet: false });
    start = end;
  }
  if (start < text.length)
    out.push({ text: text.slice(start).trim(), line: lineAt(start), bullet: false });
  return out;
}
