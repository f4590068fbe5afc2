// Detection: `<annotations>` roots are CVAT, the flavour tips the two plugins, other XML roots are refused with reasons.
import { describe, expect, it } from 'vitest';
import { createContext } from '@annoconv/core';
import { MemoryTree } from '@annoconv/io';
import { cvatPlugin, cvatVideoPlugin } from './plugin.js';
import { rootElementName } from './detect.js';

const images = '<?xml version="1.0" encoding="utf-8"?>\n<annotations>\n  <version>1.1</version>\n  <image id="0" name="a.jpg"></image>\n</annotations>\n';
const video = '<?xml version="1.0" encoding="utf-8"?>\n<!-- c -->\n<annotations>\n  <version>1.1</version>\n  <track id="0" label="a"></track>\n</annotations>\n';

describe('detect', () => {
  it('finds the root element after the declaration and comments', () => {
    expect(rootElementName('\uFEFF<?xml version="1.0"?>\n<!-- x -->\n<annotations>')).toBe('annotations');
    expect(rootElementName('<annotation><folder/>')).toBe('annotation');
  });

  it('recognises both flavours; the importer plugin (cvat) always wins', async () => {
    const context = createContext();
    const imagesTree = new MemoryTree({ 'annotations.xml': images, 'images/a.jpg': new Uint8Array(1) });
    const videoTree = new MemoryTree({ 'sub/annotations.xml': video });
    const [imagesAsImages, imagesAsVideo, videoAsImages, videoAsVideo] = await Promise.all([
      cvatPlugin.detect!(imagesTree, context),
      cvatVideoPlugin.detect!(imagesTree, context),
      cvatPlugin.detect!(videoTree, context),
      cvatVideoPlugin.detect!(videoTree, context),
    ]);
    expect(imagesAsImages.confidence).toBeGreaterThan(imagesAsVideo.confidence);
    expect(videoAsImages.confidence).toBeGreaterThan(videoAsVideo.confidence);
    expect(videoAsVideo.confidence).toBeGreaterThan(0.5);
    expect(imagesAsImages.confidence).toBeGreaterThan(0.8);
    expect(videoAsImages.reasons.join()).toMatch(/video flavour/);
  });

  it('refuses VOC / LabelMe roots and trees without XML, saying why', async () => {
    const context = createContext();
    const voc = await cvatPlugin.detect!(new MemoryTree({ 'Annotations/a.xml': '<annotation><filename>a.jpg</filename></annotation>' }), context);
    expect(voc.confidence).toBe(0);
    expect(voc.reasons.join()).toMatch(/root element is <annotation>/);
    const none = await cvatPlugin.detect!(new MemoryTree({ 'a.json': '{}' }), context);
    expect(none).toEqual({ confidence: 0, reasons: ['no .xml file'] });
  });
});
