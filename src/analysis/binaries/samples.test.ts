/**
 * Sample file contents shared by the binary-checker tests (no tests here: the `.test.ts` name keeps it out of
 * the build). Each binary sample starts with its format's published magic bytes and continues with the kind
 * of bytes a real file has there, so file-type and isbinaryfile see what they would see on disk.
 */
import { deflateRawSync, gzipSync } from 'node:zlib';

/** Deterministic filler with NULs and high bytes, like the body of compressed or machine data. */
export function noise(length: number, seed = 7): Buffer {
  const out = Buffer.alloc(length);
  let state = seed;
  for (let i = 0; i < length; i++) {
    state = (state * 1103515245 + 12345) & 0x7fffffff;
    out[i] = i % 7 === 0 ? 0 : state >> 16;
  }
  return out;
}

function crc32(data: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of data) {
    crc ^= byte;
    for (let bit = 0; bit < 8; bit++) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

/** A complete, valid one-entry zip (deflated): local header, data, central directory, end record. */
export function zipOf(name: string, content: Buffer): Buffer {
  const nameBytes = Buffer.from(name, 'utf8');
  const data = deflateRawSync(content);
  const crc = crc32(content);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4); // version needed
  local.writeUInt16LE(0, 6); // flags
  local.writeUInt16LE(8, 8); // deflate
  local.writeUInt32LE(0, 10); // time + date
  local.writeUInt32LE(crc, 14);
  local.writeUInt32LE(data.length, 18);
  local.writeUInt32LE(content.length, 22);
  local.writeUInt16LE(nameBytes.length, 26);
  local.writeUInt16LE(0, 28);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4);
  central.writeUInt16LE(20, 6);
  central.writeUInt16LE(0, 8);
  central.writeUInt16LE(8, 10);
  central.writeUInt32LE(0, 12);
  central.writeUInt32LE(crc, 16);
  central.writeUInt32LE(data.length, 20);
  central.writeUInt32LE(content.length, 24);
  central.writeUInt16LE(nameBytes.length, 28);
  // extra, comment, disk, internal and external attributes: zero
  central.writeUInt32LE(0, 42); // offset of the local header
  const centralOffset = local.length + nameBytes.length + data.length;
  const centralSize = central.length + nameBytes.length;
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(centralSize, 12);
  end.writeUInt32LE(centralOffset, 16);
  return Buffer.concat([local, nameBytes, data, central, nameBytes, end]);
}

const hex = (text: string): Buffer => Buffer.from(text.replaceAll(' ', ''), 'hex');

export const samples = {
  png: Buffer.concat([hex('89504e470d0a1a0a 0000000d 49484452 00000001 00000001 0806000000 1f15c489'), noise(64)]),
  jpeg: Buffer.concat([hex('ffd8ffe0 0010 4a46494600 0101 0000010001 0000'), noise(64)]),
  gif: Buffer.concat([Buffer.from('GIF89a', 'latin1'), hex('0100 0100 800000'), noise(32)]),
  ico: Buffer.concat([hex('00000100 0100 1010 0000 0100 2000 68040000 16000000'), noise(64)]),
  webp: Buffer.concat([Buffer.from('RIFF', 'latin1'), hex('24000000'), Buffer.from('WEBPVP8 ', 'latin1'), noise(40)]),
  elf: Buffer.concat([hex('7f454c46 02 01 01 00 0000000000000000 0300 3e00 01000000'), noise(96)]),
  pe: Buffer.concat([Buffer.from('MZ', 'latin1'), hex('90000300000004000000ffff0000'), noise(200)]),
  macho: Buffer.concat([hex('cffaedfe 07000001 03000000 02000000'), noise(64)]),
  javaClass: Buffer.concat([hex('cafebabe 0000 0034 001d 0a00 0600 0f09'), noise(64)]),
  // CPython 3.11 .pyc: magic, flags, mtime, size, then a marshalled code object. No format file-type knows.
  pyc: Buffer.concat([hex('a70d0d0a 00000000 5f2a8c65 10000000 e3000000 00000000'), noise(64)]),
  sqlite: Buffer.concat([Buffer.from('SQLite format 3\0', 'latin1'), hex('1000 0101 00402020'), noise(84)]),
  woff2: Buffer.concat([Buffer.from('wOF2', 'latin1'), hex('00010000 00000820 000a'), noise(40)]),
  // Uncompressed PDFs can be plain ASCII at the start; still not source.
  pdfAscii: Buffer.from('%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n', 'latin1'),
  zip: zipOf('lib/tool.dll', noise(300)),
  gzip: gzipSync(Buffer.from('some text that was compressed\n'.repeat(20))),
  bzip2: Buffer.concat([Buffer.from('BZh91AY&SY', 'latin1'), noise(64)]),
  xz: Buffer.concat([hex('fd377a585a00 0004 e6d6b446 0200 2101 1600 0000 742fe5a3'), noise(64)]),
  sevenZip: Buffer.concat([hex('377abcaf271c 0004 8d9bd50f'), noise(64)]),
  zstd: Buffer.concat([hex('28b52ffd 2400 5100 00'), noise(64)]),
  rar: Buffer.concat([hex('526172211a0700 cf90 7300000d 00000000'), noise(64)]),
  rpm: Buffer.concat([hex('edabeedb 0300 0000 0001'), noise(120)]),
  cab: Buffer.concat([Buffer.from('MSCF', 'latin1'), hex('00000000 a0000000 00000000 2c000000'), noise(64)]),
  deb: Buffer.concat([
    Buffer.from('!<arch>\ndebian-binary   1342943816  0     0     100644  4         `\n2.0\n', 'latin1'),
    Buffer.from('control.tar.gz  1342943816  0     0     100644  512       `\n', 'latin1'),
    gzipSync(noise(400)),
  ]),
} as const;

export const textSamples = {
  json: Buffer.from('{\n  "name": "demo",\n  "version": "1.0.0",\n  "dependencies": {}\n}\n'),
  svg: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"><rect width="1" height="1"/></svg>\n'),
  xml: Buffer.from('<?xml version="1.0" encoding="UTF-8"?>\n<project><modelVersion>4.0.0</modelVersion></project>\n'),
  xmlUtf8Bom: Buffer.concat([hex('efbbbf'), Buffer.from('<?xml version="1.0"?>\n<a/>\n')]),
  utf16leBom: Buffer.concat([hex('fffe'), Buffer.from('Hello, world. Ünïcödé text in UTF-16.\r\n', 'utf16le')]),
  utf16beBom: Buffer.concat([hex('feff'), Buffer.from('Hello, world. Ünïcödé text in UTF-16.\r\n', 'utf16le').swap16()]),
  minifiedJs: Buffer.from('!function(e,t){"use strict";' + 'var a=e.x||{};a.y=function(n){return n*2};'.repeat(400) + '}(this);'),
  // Printable magic numbers: BMP is "BM", PostScript "%!", MPEG-TS a "G" every 188 bytes.
  bmpLookalike: Buffer.from('BMW and other brands\n'),
  postscript: Buffer.from('%!PS-Adobe-3.0\n%%Title: figure\nnewpath 0 0 moveto 10 10 lineto stroke\nshowpage\n'),
  mpegTsLookalike: Buffer.from('G' + 'a'.repeat(187) + 'G' + 'b'.repeat(100) + '\n'),
  empty: Buffer.alloc(0),
} as const;
