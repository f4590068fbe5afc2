// Recognises CVAT 1.1 XML: an `*.xml` whose root element is `<annotations>` (Datumaro's `CvatImporter.detect`),
// told apart from VOC / LabelMe (`<annotation>`) and KITTI Raw (`<boost_serialization>`). Reads only the head.
import type { DetectResult, FileTree, FormatContext } from '@annoconv/core';
import { annotationFiles } from './read.js';

const HEAD_BYTES = 64 * 1024;

async function head(tree: FileTree, path: string): Promise<string> {
  let text = '';
  const decoder = new TextDecoder('utf-8');
  for await (const chunk of tree.stream(path)) {
    text += decoder.decode(chunk, { stream: true });
    if (text.length >= HEAD_BYTES) break;
  }
  return text.slice(0, HEAD_BYTES);
}

/** The root element name of an XML head, skipping the declaration, comments and whitespace. */
export function rootElementName(text: string): string | undefined {
  const match = /^(?:\uFEFF)?\s*(?:<\?[\s\S]*?\?>\s*)?(?:<!--[\s\S]*?-->\s*)*<([A-Za-z_][\w.:-]*)/.exec(text);
  return match?.[1];
}

export type CvatFlavourGuess = 'images' | 'video' | 'unknown';

/** Which flavour a head shows: `<image` ⇒ images, `<track` ⇒ video. */
export function flavourOf(text: string): CvatFlavourGuess {
  const image = text.search(/<image[\s>]/);
  const track = text.search(/<track[\s>]/);
  if (image >= 0 && (track < 0 || image < track)) return 'images';
  if (track >= 0) return 'video';
  return 'unknown';
}

/**
 * Detects CVAT XML. The 'cvat' plugin (CVAT's one importer, "CVAT 1.1") claims both flavours; the 'cvat-video'
 * plugin answers a little lower (`secondary`), so detection always picks the importer CVAT lists.
 */
export async function detectCvat(tree: FileTree, _context: FormatContext, secondary = false): Promise<DetectResult> {
  const files = annotationFiles(tree);
  if (files.length === 0) return { confidence: 0, reasons: ['no .xml file'] };
  const reasons: string[] = [];
  for (const file of files.slice(0, 8)) {
    const text = await head(tree, file);
    const root = rootElementName(text);
    if (root !== 'annotations') {
      reasons.push(`${file}: root element is <${root ?? '?'}>, not <annotations>`);
      continue;
    }
    const hasVersion = /<version>\s*1\.1\s*<\/version>/.test(text);
    const flavour = flavourOf(text);
    const confidence = (hasVersion ? 0.9 : 0.7) - (secondary ? 0.1 : 0);
    return { confidence, reasons: [`${file}: <annotations> root${hasVersion ? ' with version 1.1' : ''}${flavour !== 'unknown' ? `, ${flavour} flavour` : ''}`] };
  }
  return { confidence: 0, reasons };
}
