#!/usr/bin/env python3
"""Writes a pair of .resx files (neutral = Simplified Chinese, .en = English) from a small TSV.

Usage: tools/resx.py Resources/Some/Text.tsv   (lines: key<TAB>中文<TAB>English)
The TSV is the one place to edit; the .resx pair beside it is generated and committed.
"""
import sys, os
from xml.sax.saxutils import escape

HEADER = '''<?xml version="1.0" encoding="utf-8"?>
<root>
  <resheader name="resmimetype"><value>text/microsoft-resx</value></resheader>
  <resheader name="version"><value>2.0</value></resheader>
  <resheader name="reader"><value>System.Resources.ResXResourceReader, System.Windows.Forms, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b77a5c561934e089</value></resheader>
  <resheader name="writer"><value>System.Resources.ResXResourceWriter, System.Windows.Forms, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b77a5c561934e089</value></resheader>
'''

def write(path, pairs):
    with open(path, 'w', encoding='utf-8') as f:
        f.write(HEADER)
        for key, value in pairs:
            f.write(f'  <data name="{escape(key)}" xml:space="preserve"><value>{escape(value)}</value></data>\n')
        f.write('</root>\n')

for tsv in sys.argv[1:]:
    rows = []
    for line in open(tsv, encoding='utf-8'):
        line = line.rstrip('\n')
        if not line or line.startswith('#'):
            continue
        parts = line.split('\t')
        if len(parts) != 3:
            sys.exit(f'{tsv}: expected key<TAB>zh<TAB>en: {line!r}')
        rows.append(parts)
    base = os.path.splitext(tsv)[0]
    write(base + '.resx', [(k, zh) for k, zh, _ in rows])
    write(base + '.en.resx', [(k, en) for k, _, en in rows])
