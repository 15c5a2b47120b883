// FNV-1a's 32-bit parameters, for the hand-written hashes over UTF-16 code units (search terms, words,
// a line's folded ends): one definition, since a term's hash in the scan and in the vocabulary must agree.

export const FNV_OFFSET = 0x811c9dc5 | 0
export const FNV_PRIME = 0x01000193
