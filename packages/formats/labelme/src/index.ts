// Public entry point of this format package. `plugins` is what @annoconv/engine lists; the format's issue fills it.
import type { FormatPlugin } from '@annoconv/core';

export const plugins: FormatPlugin[] = [];
