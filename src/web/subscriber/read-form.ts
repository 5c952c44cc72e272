/**
 * The fields of a form POST, as lists of strings (a checkbox group repeats its name). Reads
 * `application/x-www-form-urlencoded` (what browsers and RFC 8058 one-click senders use) and
 * `multipart/form-data` (which RFC 8058 also allows); any other body is read as URL-encoded text. A body that
 * cannot be parsed gives no fields.
 */
export async function readForm(req: Request): Promise<Map<string, string[]>> {
  const fields = new Map<string, string[]>();
  const add = (name: string, value: string) => {
    const list = fields.get(name);
    if (list) list.push(value);
    else fields.set(name, [value]);
  };
  const type = (req.headers.get('content-type') ?? '').toLowerCase();
  try {
    if (type.startsWith('multipart/form-data')) {
      const data = await req.formData();
      data.forEach((value, name) => {
        if (typeof value === 'string') add(name, value);
      });
    } else {
      new URLSearchParams(await req.text()).forEach((value, name) => add(name, value));
    }
  } catch {
    // an unreadable body has no fields; the caller decides what that means
  }
  return fields;
}

/** The first value of a field, trimmed; '' when absent. */
export function field(form: Map<string, string[]>, name: string): string {
  return (form.get(name)?.[0] ?? '').trim();
}
