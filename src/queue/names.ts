/**
 * The queue names upstream uses, apart from the broker client so that the API can show them without loading
 * amqplib (embedded installations never connect to a broker).
 */
export const WORK_QUEUE = 'opencheck';
export const DEAD_LETTER_QUEUE = 'dead_letters';
