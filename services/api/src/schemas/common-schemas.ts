import Type from "typebox";

/** Every error answer: a stable `code` to match on and a sentence for people. */
export const ErrorBody = Type.Object(
  {
    statusCode: Type.Integer(),
    code: Type.String(),
    error: Type.String(),
    message: Type.String(),
  },
  { $id: "ErrorBody" },
);

const errorRef = Type.Ref("ErrorBody");

/** The error answers every authenticated route may give, for the OpenAPI document. */
export const authErrors = {
  400: errorRef,
  401: errorRef,
  403: errorRef,
  404: errorRef,
  429: errorRef,
};

export const ConnectionParams = Type.Object({
  connectionId: Type.String({ pattern: "^[a-z0-9][a-z0-9-]{0,39}$", description: "connection id" }),
});

export const OkBody = Type.Object({ ok: Type.Literal(true) });

/** Security requirement for the OpenAPI document: every /v1 route takes the key either way. */
export const keySecurity: Array<Record<string, string[]>> = [{ bearerKey: [] }, { headerKey: [] }];

export const Timestamp = Type.String({ format: "date-time" });
export const NullableTimestamp = Type.Union([Timestamp, Type.Null()]);
