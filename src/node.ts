/** Node-only parts of nabla: reading files from disk. Import from "nabla/node". */
export {};
