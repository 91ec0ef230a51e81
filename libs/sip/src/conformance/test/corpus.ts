import { listCorpus, readCorpusFile } from '@sipflow/corpus';

/**
 * Corpus helpers for the conformance tests. The files are those of ../shared/corpus, described
 * with their origin and licence in corpus/SOURCES.md; they are read where they lie, as bytes.
 */
export function corpusMessages(folder: string, extension?: string): Array<[string, Buffer]> {
  return listCorpus(folder, extension).map((name) => [name, readCorpusFile(folder, name)]);
}

/**
 * The messages of an RFC flow YAML file (corpus/SOURCES.md, rfc3665/ and rfc-other/): a comment,
 * then list items `- |+` whose block scalars are indented two spaces, with LF line ends. Returned
 * with CRLF line ends, as SOURCES.md derived rfc3665/raw/.
 */
export function yamlMessages(text: string): string[] {
  const messages: string[] = [];
  let current: string[] | undefined;
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  for (const line of lines) {
    if (line.startsWith('- |')) {
      if (current) messages.push(current.join(''));
      current = [];
    } else if (current && (line.startsWith('  ') || line.length === 0)) {
      current.push(`${line.slice(2)}\r\n`);
    } else if (current) {
      // A less-indented line (a comment) ends the block scalar.
      messages.push(current.join(''));
      current = undefined;
    }
  }
  if (current) messages.push(current.join(''));
  return messages;
}
