import { jsonText } from '../model/json-text.ts';

/** JSON for the terminal: the API's encoding, indented. */
export function toJson(value: object): string {
  return jsonText(value, 2);
}
