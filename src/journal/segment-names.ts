/**
 * Segment files are named `events-YYYYMMDD-NNNNNN.jsonl` (UTC day, sequence within the day),
 * so that a plain lexicographic sort is chronological and the day is known without opening it.
 */
const SEGMENT_PATTERN = /^events-(\d{8})-(\d{6})\.jsonl$/

export interface SegmentName {
  file: string
  day: string
  seq: number
}

export function utcDay(epochMs: number): string {
  const d = new Date(epochMs)
  const month = String(d.getUTCMonth() + 1).padStart(2, '0')
  const day = String(d.getUTCDate()).padStart(2, '0')
  return `${d.getUTCFullYear()}${month}${day}`
}

export function segmentFile(day: string, seq: number): string {
  return `events-${day}-${String(seq).padStart(6, '0')}.jsonl`
}

export function parseSegmentName(file: string): SegmentName | undefined {
  const match = SEGMENT_PATTERN.exec(file)
  if (!match) return undefined
  return {file, day: match[1], seq: Number(match[2])}
}

/** Segment names among `files`, oldest first. */
export function sortedSegments(files: readonly string[]): SegmentName[] {
  const segments: SegmentName[] = []
  for (const file of files) {
    const parsed = parseSegmentName(file)
    if (parsed) segments.push(parsed)
  }

  return segments.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0))
}
