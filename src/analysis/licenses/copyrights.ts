/**
 * Copyright statements, holders and authors: the lexer and grammar in ./copyright/ (ScanCode's approach).
 * This module keeps the import path scan.ts uses.
 */
export { findStatements, type AuthorEntry, type CopyrightEntry, type HolderEntry, type LineSpan, type Statements } from './copyright/index.js';
