export declare const PEER_HEADER: string;
export declare const NONCE_KEY: symbol;
export declare function stampPeerAddresses(): void;
