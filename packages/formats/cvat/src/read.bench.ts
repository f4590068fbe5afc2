// Speed of reading a large CVAT for images annotations.xml (about 100 MB: 24 000 images × 25 shapes with
// attributes). The figure is reported in the package README.
import { bench, describe } from 'vitest';
import { createContext } from '@annoconv/core';
import { MemoryTree } from '@annoconv/io';
import { readCvat } from './read.js';

/** A CVAT for images document of about `megabytes` MB with every common shape kind. */
export function generateAnnotationsXml(megabytes: number): string {
  const parts: string[] = [
    '<?xml version="1.0" encoding="utf-8"?>\n<annotations>\n  <version>1.1</version>\n  <meta>\n    <task>\n      <name>bench</name>\n      <mode>annotation</mode>\n',
    '      <labels>\n        <label>\n          <name>car</name>\n          <color>#fa3253</color>\n          <type>any</type>\n          <attributes>\n',
    '            <attribute>\n              <name>model</name>\n              <mutable>False</mutable>\n              <input_type>text</input_type>\n              <default_value></default_value>\n              <values></values>\n            </attribute>\n',
    '          </attributes>\n        </label>\n      </labels>\n    </task>\n  </meta>\n',
  ];
  let size = parts.join('').length;
  const target = megabytes * 1024 * 1024;
  for (let image = 0; size < target; image++) {
    let body = `  <image id="${image}" name="folder/image_${image}.jpg" width="1920" height="1080">\n`;
    for (let shape = 0; shape < 25; shape++) {
      const x = ((image * 7 + shape * 13) % 1800) + 0.25;
      if (shape % 5 === 4) {
        body += `    <polygon label="car" source="manual" occluded="0" points="${x.toFixed(2)},10.00;${(x + 50).toFixed(2)},20.00;${(x + 25).toFixed(2)},80.50;${x.toFixed(2)},60.00" z_order="0">\n    </polygon>\n`;
      } else {
        body += `    <box label="car" source="manual" occluded="${shape % 2}" xtl="${x.toFixed(2)}" ytl="12.50" xbr="${(x + 100).toFixed(2)}" ybr="212.50" z_order="${shape % 3}">\n      <attribute name="model">sedan ${shape}</attribute>\n    </box>\n`;
      }
    }
    body += '  </image>\n';
    parts.push(body);
    size += body.length;
  }
  parts.push('</annotations>\n');
  return parts.join('');
}

const xml = generateAnnotationsXml(100);
const tree = new MemoryTree({ 'annotations.xml': xml });

describe(`read a ${(xml.length / 1024 / 1024).toFixed(0)} MB annotations.xml`, () => {
  bench(
    'readCvat',
    async () => {
      await readCvat(tree, {}, createContext());
    },
    { iterations: 3, warmupIterations: 0, time: 0 },
  );
});
