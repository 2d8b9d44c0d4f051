/**
 * A fix for `@colyseus/schema` 3.0.76 (the newest 3.x): it writes the length of a string of exactly 255 UTF-8
 * bytes as `255 % 255` = 0 (msgpack str8). Every client then reads an empty string and decodes the 255 bytes
 * after it as state operations: the whole room's state breaks for every viewer, and chosen bytes could forge
 * state (found by the fault suite with a 255-byte chat line). Fixed upstream in later majors.
 *
 * The encoder looks string writers up on the exported `encode` object, so replacing `encode.string` fixes
 * every string it writes. The package is loaded twice in a process (its ES module build by our code and
 * Colyseus's `.mjs`, its CommonJS build by anything that `require`s it), so both copies are patched.
 * Imported for its effect by `createGameServer`.
 */
import { createRequire } from 'node:module';
import { encode as esmEncode } from '@colyseus/schema';

type Iterator = { offset: number };
type StringWriter = (bytes: Uint8Array, value: string, it: Iterator) => number;
interface EncodeTable {
  string: StringWriter & { starscapeFixed?: true };
  utf8Length(value: string): number;
  utf8Write(bytes: Uint8Array, value: string, it: Iterator): void;
}

const STR8 = 0xd9;

function fixStringWriter(encode: EncodeTable): void {
  if (encode.string.starscapeFixed) return;
  const original = encode.string;
  const fixed: EncodeTable['string'] = (bytes, value, it) => {
    if (value && encode.utf8Length(value) === 255) {
      bytes[it.offset++] = STR8;
      bytes[it.offset++] = 255;
      encode.utf8Write(bytes, value, it);
      return 2 + 255;
    }
    return original(bytes, value, it);
  };
  fixed.starscapeFixed = true;
  encode.string = fixed;
}

fixStringWriter(esmEncode as unknown as EncodeTable);
fixStringWriter((createRequire(import.meta.url)('@colyseus/schema') as { encode: EncodeTable }).encode);
