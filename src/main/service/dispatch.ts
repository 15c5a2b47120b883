// The one gate every transport goes through: checks the operation name and its arguments against
// the contract, runs the handler, and turns any failure into an error value.

import { contract, type ApiHandlers } from '../../shared/api'
import { operationNames, type OperationName } from '../../shared/api-operations'
import { fail, ok, UserError, type Result } from '../../shared/result'

export function isOperationName(name: string): name is OperationName {
  return (operationNames as readonly string[]).includes(name)
}

export async function dispatch(handlers: ApiHandlers, name: string, rawArgs: unknown): Promise<Result<unknown>> {
  if (!isOperationName(name)) return fail('invalid-argument', `Unknown operation "${name}".`)
  const parsed = contract[name].args.safeParse(rawArgs ?? {})
  if (!parsed.success) {
    const detail = parsed.error.issues.map((i) => `${i.path.join('.') || 'arguments'}: ${i.message}`).join('; ')
    return fail('invalid-argument', `Invalid arguments for ${name}: ${detail}`)
  }
  try {
    const handler = handlers[name] as (args: unknown) => Promise<unknown>
    return ok(await handler(parsed.data))
  } catch (error) {
    if (error instanceof UserError) return fail(error.code, error.message)
    console.error(`[triangulate] ${name} failed:`, error)
    return fail('internal', `${name} failed unexpectedly: ${(error as Error).message}. Please report this with the log.`)
  }
}
