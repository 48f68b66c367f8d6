import {
  natsConnectionChanges,
  resetConnectionParameter,
  setConnectionParameter,
} from "@topicdesk/connections";
import { ConnectionRepository, ParameterRepository } from "@topicdesk/db";
import { type AnyParameterDefinition, findParameter, parameterDefinitions } from "@topicdesk/params";
import Type from "typebox";
import { badRequest, notFound } from "../app/api-errors.ts";
import type { ApiApp, ApiDeps } from "../app/route-context.ts";
import { authorize } from "../auth/api-key-auth.ts";
import { authErrors, ConnectionParams, keySecurity } from "../schemas/common-schemas.ts";
import { existing } from "./connection-routes.ts";

const tags = ["parameters"];

const ParameterView = Type.Object({
  name: Type.String(),
  /** The value in effect, as a person writes it. */
  value: Type.String(),
  isDefault: Type.Boolean(),
  defaultValue: Type.String(),
  summary: Type.String(),
  syntax: Type.String(),
  /** Why a stored value is not used (it no longer parses), if so. */
  problem: Type.Optional(Type.String()),
});
type ParameterView = Type.Static<typeof ParameterView>;

const ParameterParams = Type.Object({ ...ConnectionParams.properties, name: Type.String({ minLength: 1 }) });

/**
 * Parameters with the reference's names and syntax, validated by the same `@topicdesk/params` parser
 * the router, CLI and setup bot use: a value accepted here is a value that works.
 */
export function parameterRoutes(app: ApiApp, deps: ApiDeps): void {
  const parameters = new ParameterRepository(deps.db);
  const connections = new ConnectionRepository(deps.db);
  // Routers cache parameters: the hint makes a change count from the next event on.
  const changes = natsConnectionChanges(deps.bus.nc, { prefix: deps.naming.prefix, log: deps.log });

  app.get(
    "/connections/:connectionId/parameters",
    {
      schema: {
        tags,
        summary: "Every parameter with its value in effect",
        security: keySecurity,
        params: ConnectionParams,
        response: { 200: Type.Array(ParameterView), ...authErrors },
      },
    },
    async (request) => {
      const { connectionId } = request.params;
      authorize(request, connectionId, "read");
      await existing(connections, connectionId);
      const raw = await parameters.listRaw(connectionId);
      return parameterDefinitions.map((definition) => view(definition, raw));
    },
  );

  app.get(
    "/connections/:connectionId/parameters/:name",
    {
      schema: {
        tags,
        summary: "One parameter",
        security: keySecurity,
        params: ParameterParams,
        response: { 200: ParameterView, ...authErrors },
      },
    },
    async (request) => {
      const { connectionId, name } = request.params;
      authorize(request, connectionId, "read");
      await existing(connections, connectionId);
      return view(known(name), await parameters.listRaw(connectionId));
    },
  );

  app.put(
    "/connections/:connectionId/parameters/:name",
    {
      schema: {
        tags,
        summary: "Set a parameter (checked by the same parser as everywhere else)",
        security: keySecurity,
        params: ParameterParams,
        body: Type.Object({ value: Type.String({ maxLength: 10_000 }) }, { additionalProperties: false }),
        response: { 200: ParameterView, ...authErrors },
      },
    },
    async (request) => {
      const { connectionId, name } = request.params;
      authorize(request, connectionId, "admin");
      await existing(connections, connectionId);
      const definition = known(name);
      const written = await setConnectionParameter(deps.db, changes, {
        connectionId,
        parameter: definition,
        raw: request.body.value,
      });
      if (!written.ok) throw badRequest(written.error);
      return view(definition, await parameters.listRaw(connectionId));
    },
  );

  app.delete(
    "/connections/:connectionId/parameters/:name",
    {
      schema: {
        tags,
        summary: "Reset a parameter to its default",
        security: keySecurity,
        params: ParameterParams,
        response: { 200: ParameterView, ...authErrors },
      },
    },
    async (request) => {
      const { connectionId, name } = request.params;
      authorize(request, connectionId, "admin");
      await existing(connections, connectionId);
      const definition = known(name);
      await resetConnectionParameter(deps.db, changes, connectionId, definition);
      return view(definition, await parameters.listRaw(connectionId));
    },
  );
}

function known(name: string): AnyParameterDefinition {
  const definition = findParameter(name);
  if (!definition) throw notFound(`Unknown parameter ${name}. GET …/parameters lists them all.`);
  return definition;
}

function view(definition: AnyParameterDefinition, raw: Readonly<Record<string, string>>): ParameterView {
  const stored = raw[definition.name];
  const base = {
    name: definition.name,
    defaultValue: definition.defaultRaw,
    summary: definition.summary,
    syntax: definition.syntax,
  };
  if (stored === undefined) return { ...base, value: definition.defaultRaw, isDefault: true };
  const parsed = definition.parse(stored);
  if (parsed.ok) return { ...base, value: stored, isDefault: false };
  // A value stored by an older version that no longer parses: the router uses the default (see resolveParameters).
  return { ...base, value: definition.defaultRaw, isDefault: true, problem: parsed.error };
}
