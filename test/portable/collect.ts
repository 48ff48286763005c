// Imported first by a program that runs behaviour tests itself (on Lua, or on
// the host to compare): from here on `behaviour` keeps cases in `cases`.

import { collectBehaviours } from './behaviour.ts';

export const cases = collectBehaviours();
