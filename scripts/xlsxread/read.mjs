// read.mjs reads XLSX workbooks with two independent readers, ExcelJS and
// SheetJS, and prints what each of them sees as one JSON object on standard
// output, for the Go tests of gapmap's XLSX export (internal/tablefile):
//
//   node scripts/xlsxread/read.mjs FILE.xlsx...
//
// {"FILE.xlsx": {"exceljs": {"sheets": [...]} | {"error": "..."},
//                "sheetjs": {"sheets": [...]} | {"error": "..."}}}
//
// A sheet is {"name", "cells": [{"ref", "type", "value", "format"}]}: type is
// "number", "string", "boolean" or "date" as the reader has it, format the
// cell's number format ("" for General). A reader that refuses a file gives
// its error instead of sheets.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const ExcelJS = require('exceljs');
const XLSX = require('xlsx');

function kind(v) {
  if (v instanceof Date) return 'date';
  if (typeof v === 'number') return 'number';
  if (typeof v === 'boolean') return 'boolean';
  return 'string';
}

async function withExcelJS(data) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(data);
  const sheets = [];
  wb.eachSheet((ws) => {
    const cells = [];
    ws.eachRow({ includeEmpty: false }, (row) => {
      row.eachCell({ includeEmpty: false }, (cell) => {
        let v = cell.value;
        if (v && typeof v === 'object' && !(v instanceof Date)) {
          if ('richText' in v) v = v.richText.map((t) => t.text).join('');
          else if ('formula' in v || 'sharedFormula' in v) throw new Error(`cell ${cell.address} is a formula`);
          else v = String(v);
        }
        cells.push({ ref: cell.address, type: kind(v), value: v, format: cell.numFmt || '' });
      });
    });
    sheets.push({ name: ws.name, cells });
  });
  return { sheets };
}

function withSheetJS(data) {
  const wb = XLSX.read(data, { type: 'buffer', cellNF: true, cellDates: true });
  const sheets = wb.SheetNames.map((name) => {
    const ws = wb.Sheets[name];
    const cells = [];
    for (const ref of Object.keys(ws)) {
      if (ref.startsWith('!')) continue;
      const c = ws[ref];
      if (c.f) throw new Error(`cell ${ref} is a formula`);
      const type = { n: 'number', s: 'string', b: 'boolean', d: 'date' }[c.t] || c.t;
      const format = c.z && c.z !== 'General' ? String(c.z) : '';
      cells.push({ ref, type, value: c.v, format });
    }
    return { name, cells };
  });
  return { sheets };
}

async function attempt(fn) {
  try {
    return await fn();
  } catch (e) {
    return { error: String(e && e.message ? e.message : e) };
  }
}

const out = {};
for (const file of process.argv.slice(2)) {
  const data = await readFile(file);
  out[file] = {
    exceljs: await attempt(() => withExcelJS(data)),
    sheetjs: await attempt(() => withSheetJS(data)),
  };
}
process.stdout.write(JSON.stringify(out));
