import { DefaultNamingStrategy, type NamingStrategyInterface, type Table } from 'typeorm';

function snake(s: string): string {
  return s
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z])([A-Z][a-z])/g, '$1_$2')
    .toLowerCase();
}

function tableName(t: Table | string): string {
  const name = typeof t === 'string' ? t : t.name;
  return name.includes('.') ? name.split('.').pop()! : name;
}

/** snake_case columns and Postgres-style readable constraint names (never hashes). */
export class SnakeNamingStrategy extends DefaultNamingStrategy implements NamingStrategyInterface {
  override tableName(className: string, customName?: string): string {
    return customName ?? snake(className);
  }
  override columnName(
    propertyName: string,
    customName: string | undefined,
    prefixes: string[],
  ): string {
    return snake(prefixes.concat('').join('_')) + (customName ?? snake(propertyName));
  }
  override relationName(propertyName: string): string {
    return snake(propertyName);
  }
  override joinColumnName(relationName: string, referencedColumnName: string): string {
    return snake(`${relationName}_${referencedColumnName}`);
  }
  override joinTableName(first: string, second: string, firstProperty: string): string {
    return snake(`${first}_${firstProperty.replace(/\./g, '_')}_${second}`);
  }
  override joinTableColumnName(table: string, property: string, column?: string): string {
    return snake(`${table}_${column ?? property}`);
  }
  override primaryKeyName(t: Table | string): string {
    return `${tableName(t)}_pkey`;
  }
  override uniqueConstraintName(t: Table | string, columns: string[]): string {
    return `${tableName(t)}_${columns.join('_')}_key`;
  }
  override relationConstraintName(t: Table | string, columns: string[]): string {
    return `${tableName(t)}_${columns.join('_')}_fkey`;
  }
  override foreignKeyName(t: Table | string, columns: string[]): string {
    return `${tableName(t)}_${columns.join('_')}_fkey`;
  }
  override indexName(t: Table | string, columns: string[]): string {
    return `${tableName(t)}_${columns.join('_')}_idx`;
  }
  override checkConstraintName(t: Table | string, expression: string): string {
    return `${tableName(t)}_${expression.replace(/[^a-z0-9]+/gi, '_').slice(0, 30)}_check`;
  }
  override exclusionConstraintName(t: Table | string, expression: string): string {
    return `${tableName(t)}_${expression.replace(/[^a-z0-9]+/gi, '_').slice(0, 30)}_excl`;
  }
  override defaultConstraintName(t: Table | string, column: string): string {
    return `${tableName(t)}_${column}_default`;
  }
}
