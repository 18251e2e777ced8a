/** Shapes of the API answers the dashboard reads (see GET /docs). */
export interface CooperationSummary {
  cooperationId: string;
  name: string;
  form: string;
  phase: string;
  territories: { territoryId: string; name: string }[];
  membersCount: number;
  charterStatus: string;
  lastActivity: { recordedAt: string; type: string; position: string };
}

export interface TimelineItem {
  position: string;
  type: string;
  date: { date: string; precision: string; approximate: boolean };
  label: string;
  assumedForDemo: boolean;
}

export interface LiveUpdate {
  position: string;
  cooperationId: string;
  type: string;
  timelineItem: { eventId: string; date: { date: string } | null; recordedAt: string; label: { fr: string; en: string } };
  summary: CooperationSummary | null;
}

export class NotFound extends Error {}

export const getJson = async <T>(path: string): Promise<T> => {
  const response = await fetch(path, { headers: { Accept: 'application/json' } });
  if (response.status === 404) throw new NotFound(path);
  if (!response.ok) throw new Error(`${path}: ${response.status}`);
  return (await response.json()) as T;
};
