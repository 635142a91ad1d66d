/**
 * A short reason for a failed connection, from the driver error's code: the network codes all
 * drivers share, plus the dialect's own (`own`). The password never appears in the text, even
 * when a driver echoes it.
 */
export function describeConnectError(e: unknown, password: string | undefined, own: Readonly<Record<string, string>>): string {
  const err = e as { code?: string; message?: string };
  const code = err.code ?? "";
  let text = own[code] ?? NETWORK[code] ?? (err.message || String(e));
  if (password) text = text.split(password).join("***");
  return text;
}

const NETWORK: Readonly<Record<string, string>> = {
  ECONNREFUSED: "connection refused",
  ENOTFOUND: "host not found",
  EAI_AGAIN: "host not found",
  ETIMEDOUT: "connection timed out",
};
