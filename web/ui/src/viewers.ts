import { useEffect, useState } from 'preact/hooks';
import * as api from './api';

/** What GET /api/v1/viewers says: whether this node serves OHIF, and its link templates. */
export interface ViewerLinks { study?: string; series?: string; folder?: string }
export interface Viewers { ohif?: { available?: boolean; url?: string; links?: ViewerLinks } }

export type ViewerTarget = { study: string; series?: string } | { folder: string };

/**
 * The address that opens a study, a series or a folder's studies in OHIF, from the node's own
 * templates (the portal does not know OHIF's routes); null when the node serves no viewer.
 */
export function ohifLink(viewers: Viewers | null, target: ViewerTarget): string | null {
  const o = viewers?.ohif;
  if (!o?.available || !o.links) return null;
  const template = 'folder' in target ? o.links.folder : target.series ? o.links.series : o.links.study;
  if (!template) return null;
  const values: Record<string, string | undefined> = 'folder' in target
    ? { folder: target.folder } : { study: target.study, series: target.series };
  return template.replace(/\{(study|series|folder)\}/g, (_, k: string) => encodeURIComponent(values[k] ?? ''));
}

let asked: Promise<Viewers | null> | null = null;

/** The node's viewers, asked once per page load. */
export function useViewers(): Viewers | null {
  const [viewers, setViewers] = useState<Viewers | null>(null);
  useEffect(() => {
    asked ??= api.get<Viewers>('viewers').catch(() => null);
    let live = true;
    asked.then((v) => { if (live) setViewers(v); });
    return () => { live = false; };
  }, []);
  return viewers;
}

/** Where the portal goes after sign-in when the viewer sent the user here: only back into it. */
export function nextAfterLogin(search: string): string | null {
  const next = new URLSearchParams(search).get('next');
  if (!next || !next.startsWith('/viewer/') || next.includes('//') || next.includes('\\')) return null;
  return next;
}
