/**
 * A section and every section below it, at any depth: a section's page and its Main Page block
 * show its subsections' stories too, as readers of "Economy" expect "Energy" stories there.
 * A parent loop (which the newsroom refuses to create) cannot make this run forever.
 */
export function sectionAndDescendants(sections: ReadonlyArray<{ id: number; parentId: number | null }>, id: number): number[] {
  const found = [id];
  for (let i = 0; i < found.length; i++) {
    for (const section of sections) {
      if (section.parentId === found[i] && !found.includes(section.id)) found.push(section.id);
    }
  }
  return found;
}
