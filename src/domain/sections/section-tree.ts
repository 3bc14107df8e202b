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

/** Sections in tree order with their depth (children right after their parent; an orphan counts as top level). */
export function sectionsInTreeOrder<T extends { id: number; parentId: number | null }>(sections: readonly T[]): Array<{ section: T; depth: number }> {
  const children = new Map<number | null, T[]>();
  for (const section of sections) {
    const parent = section.parentId !== null && sections.some((s) => s.id === section.parentId) ? section.parentId : null;
    children.set(parent, [...(children.get(parent) ?? []), section]);
  }
  const out: Array<{ section: T; depth: number }> = [];
  const walk = (parent: number | null, depth: number) => {
    for (const section of children.get(parent) ?? []) {
      out.push({ section, depth });
      if (depth < 20) walk(section.id, depth + 1);
    }
  };
  walk(null, 0);
  return out;
}
