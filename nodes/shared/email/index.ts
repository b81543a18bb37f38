export * from './autoReply';
export * from './headers';
export * from './mailToTicket';
export * from './quotedReply';
export * from './replyMail';
export * from './ticketId';
export * from './types';
export * from './uidCursor';
