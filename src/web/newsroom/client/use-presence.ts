import { useEffect, useState } from 'preact/hooks';
import { api } from './api-client.ts';

/** Seconds between presence heartbeats ("Also editing: …"); the server forgets an editor after 30. */
const PRESENCE_SECONDS = 10;

type Editor = { id: number; name: string };

/** Who else has this article open, from a heartbeat that also tells the server this person has. */
export function usePresence(articleId: number | null, actorId: number): Editor[] {
  const [others, setOthers] = useState<Editor[]>([]);
  useEffect(() => {
    if (articleId === null) return;
    let stopped = false;
    const beat = () =>
      api<{ editors: Editor[] }>('POST', `/api/admin/articles/${articleId}/presence`)
        .then((result) => !stopped && setOthers(result.editors.filter((e) => e.id !== actorId)))
        .catch(() => {});
    void beat();
    const timer = setInterval(beat, PRESENCE_SECONDS * 1000);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [articleId, actorId]);
  return others;
}
