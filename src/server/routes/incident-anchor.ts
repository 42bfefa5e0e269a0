import type { FastifyRequest } from "fastify";
import { audit } from "../../audit/audit.service.js";
import type { Incident } from "../../domain/incident/model.js";
import type { Runtime } from "../../runtime.js";
import { requestActor } from "../request-actor.js";

/**
 * Puts an incident's ending (close, decline, merge) or reopening on the audit record. The entry
 * commits to the timeline head the change left, so cutting that timeline back later — even with
 * the incident row rewritten to match — breaks `audit verify` (docs/security.md).
 */
export async function anchorInAudit(
  rt: Runtime,
  req: FastifyRequest,
  action: string,
  incident: Incident,
): Promise<Incident> {
  await audit(rt, {
    actor: requestActor(req),
    action,
    target: incident.human_id,
    ip: req.ip,
    incident: incident.id,
    details: { phase: incident.phase },
  });
  return incident;
}
