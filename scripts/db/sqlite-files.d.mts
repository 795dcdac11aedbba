export declare function sqliteFiles(url: string): string[];
export declare function restrictSqliteFiles(url: string): void;
