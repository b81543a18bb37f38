import { HttpResponse } from 'msw';

/** A chat-completions response in the OpenAI API's shape, with `content` as the assistant's message. */
export const completion = (content: unknown) =>
	HttpResponse.json({
		id: 'chatcmpl-1',
		object: 'chat.completion',
		model: 'gpt-test',
		choices: [{ index: 0, finish_reason: 'stop', message: { role: 'assistant', content: typeof content === 'string' ? content : JSON.stringify(content) } }],
	});
