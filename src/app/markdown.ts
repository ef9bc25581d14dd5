/** Scenario descriptions are Markdown from files and links anyone can write: rendered, then sanitised. */
import DOMPurify from 'dompurify';
import { marked } from 'marked';

export function renderMarkdown(text: string): string {
  return DOMPurify.sanitize(marked.parse(text, { async: false, gfm: true, breaks: false }) as string);
}
