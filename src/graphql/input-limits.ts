import {
  getArgumentValues,
  getNullableType,
  GraphQLError,
  isInputObjectType,
  isListType,
  Kind,
  TypeInfo,
  visit,
  visitWithTypeInfo,
  type DocumentNode,
  type GraphQLInputType,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';

/**
 * Names and free text searched with trigram or LIKE: the cost of a search grows with the
 * length of what is searched for, and no real name is longer than this.
 */
export const SHORTER_STRING_LIMITS: Record<string, number> = {
  'Query.searchEntities(name:)': 200,
  'EntityFilter.name': 200,
  'ProjectFilter.text': 200,
  // Searched for in every staged line of a source; no record id is longer (records/fields.ts).
  'Query.recordHistory(recordId:)': 200,
};

/** creditStatus takes 1,000 codes, the largest list any argument needs. */
export const MAX_LIST_ITEMS = 1000;

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function problemWith(value: string, maxLength: number): string | null {
  if (value.length > maxLength) return `${value.length.toLocaleString('en-US')} characters; at most ${maxLength.toLocaleString('en-US')} are accepted`;
  if (value.includes('\u0000')) return 'contains a NUL character (U+0000)';
  const lone = LONE_SURROGATE.exec(value);
  if (lone) return `contains a lone surrogate (U+${lone[0].charCodeAt(0).toString(16).toUpperCase()}), which is not a Unicode character`;
  return null;
}

function refuse(argument: string, problem: string): never {
  throw new GraphQLError(`${argument}: ${problem}`, { extensions: { code: 'BAD_USER_INPUT', argument, http: { status: 400 } } });
}

/** Walks one argument's coerced value along its type; `limit` is the length allowed here. */
function checkValue(type: GraphQLInputType, value: unknown, path: string, limit: number, maxLength: number): void {
  if (value === null || value === undefined) return;
  const nullable = getNullableType(type);
  if (isListType(nullable)) {
    if (!Array.isArray(value)) return;
    if (value.length > MAX_LIST_ITEMS) refuse(path, `${value.length.toLocaleString('en-US')} items; at most ${MAX_LIST_ITEMS.toLocaleString('en-US')} are accepted`);
    value.forEach((item, i) => checkValue(nullable.ofType, item, `${path}[${i}]`, limit, maxLength));
  } else if (isInputObjectType(nullable)) {
    for (const field of Object.values(nullable.getFields())) {
      const fieldLimit = SHORTER_STRING_LIMITS[`${nullable.name}.${field.name}`] ?? maxLength;
      checkValue(field.type, (value as Record<string, unknown>)[field.name], `${path}.${field.name}`, fieldLimit, maxLength);
    }
  } else if (typeof value === 'string' && (nullable.name === 'String' || nullable.name === 'ID')) {
    const problem = problemWith(value, limit);
    if (problem) refuse(path, problem);
  }
}

/**
 * Every String and ID an operation hands a resolver, at any depth of input objects and
 * lists, literal or variable alike (it reads the arguments as execution will coerce them):
 * at most GRAPHQL_MAX_STRING_LENGTH characters (fewer for searched names), no NUL, no lone
 * surrogate; no list longer than MAX_LIST_ITEMS. Throws BAD_USER_INPUT naming the path.
 */
export function checkInputs(opts: {
  schema: GraphQLSchema;
  document: DocumentNode;
  operation: OperationDefinitionNode;
  variables: Record<string, unknown>;
  maxLength: number;
}): void {
  const typeInfo = new TypeInfo(opts.schema);
  const visitor = visitWithTypeInfo(typeInfo, {
    Field(node) {
      const field = typeInfo.getFieldDef();
      const parent = typeInfo.getParentType();
      if (!field || !parent || !node.arguments?.length) return;
      let args: Record<string, unknown>;
      try {
        args = getArgumentValues(field, node, opts.variables);
      } catch {
        return; // a value that does not fit its type: execution reports it, naming it
      }
      for (const arg of field.args) {
        const limit = SHORTER_STRING_LIMITS[`${parent.name}.${field.name}(${arg.name}:)`] ?? opts.maxLength;
        checkValue(arg.type, args[arg.name], arg.name, limit, opts.maxLength);
      }
    },
  });
  visit(opts.operation, visitor);
  for (const definition of opts.document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) visit(definition, visitor);
  }
}
