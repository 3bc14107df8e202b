/** Reads the JSON data block a server page put beside an island (`<script type="application/json" id=…>`). */
export function readBootData<T>(id: string): T {
  const element = document.getElementById(id);
  if (!element?.textContent) throw new Error(`The page has no data block #${id}.`);
  return JSON.parse(element.textContent) as T;
}
