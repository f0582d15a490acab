import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { AdminError } from '../admin-error';

/**
 * The query or body as an instance of its DTO class, converted (class-transformer) and checked
 * (class-validator). The first broken rule becomes a 400 InvalidParameter naming the parameter;
 * names the DTO does not declare are refused too, so a typo (`?limt=5`) is not silently ignored.
 */
export function validated<T extends object>(dto: new () => T, plain: Record<string, unknown>, what: 'parameter' | 'field'): T {
  const instance = plainToInstance(dto, plain);
  const [error] = validateSync(instance, { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: true, stopAtFirstError: true });
  if (!error) return instance;
  const constraints = error.constraints ?? {};
  const message = constraints.whitelistValidation ? `unknown ${what} ${error.property}` : (Object.values(constraints)[0] ?? `${error.property} is not valid`);
  throw AdminError.invalidParameter(error.property, message);
}

/** The query string of a request URL as one value per name; a name given twice is refused. */
export function queryOf(rawUrl: string | undefined): Record<string, string> {
  const q = rawUrl?.indexOf('?') ?? -1;
  const params = new URLSearchParams(q === -1 || rawUrl === undefined ? '' : rawUrl.slice(q + 1));
  const plain: Record<string, string> = {};
  for (const [name, value] of params) {
    if (Object.prototype.hasOwnProperty.call(plain, name)) throw AdminError.invalidParameter(name, `${name} is given more than once`);
    plain[name] = value;
  }
  return plain;
}

/** For routes that take no parameters: any given is a mistake worth telling. */
export function refuseParameters(query: Record<string, string>): void {
  const [name] = Object.keys(query);
  if (name !== undefined) throw AdminError.invalidParameter(name, `unknown parameter ${name}`);
}
