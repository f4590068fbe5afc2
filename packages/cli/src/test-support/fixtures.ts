// Small datasets the CLI's tests write into temporary folders. Test-only.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A CVAT for images 1.1 file: two frames, a box, a polygon, an ellipse and a tag, labels car and person. */
export const CVAT_IMAGES_XML = `<?xml version="1.0" encoding="utf-8"?>
<annotations>
  <version>1.1</version>
  <meta>
    <task>
      <name>cli test</name>
      <mode>annotation</mode>
      <labels>
        <label><name>car</name><color>#ff0000</color><type>any</type><attributes></attributes></label>
        <label><name>person</name><color>#00ff00</color><type>any</type><attributes></attributes></label>
      </labels>
    </task>
  </meta>
  <image id="0" name="a.jpg" width="100" height="80">
    <box label="car" source="manual" occluded="0" xtl="10.00" ytl="20.00" xbr="30.00" ybr="40.00" z_order="0"></box>
    <polygon label="person" source="manual" occluded="0" points="1.00,1.00;20.00,1.00;20.00,20.00" z_order="0"></polygon>
    <tag label="car" source="manual"></tag>
  </image>
  <image id="1" name="b.jpg" width="100" height="80">
    <ellipse label="person" source="manual" occluded="0" cx="50.00" cy="40.00" rx="10.00" ry="5.00" z_order="0"></ellipse>
  </image>
</annotations>
`;

export function tempDir(prefix: string): { path: string; remove(): void } {
  const path = mkdtempSync(join(tmpdir(), `annoconv-${prefix}-`));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}
