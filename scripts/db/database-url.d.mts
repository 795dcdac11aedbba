export declare const DEFAULT_DATABASE_URL: string;
export declare function databaseUrl(): string;
export declare function isPostgresUrl(url: string): boolean;
