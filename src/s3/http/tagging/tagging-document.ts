import { S3Error } from '../../errors/s3-error';
import { isRecord, listOf } from '../xml/xml-body-reader';
import type { XmlObject } from '../xml/xml-writer';
import { checkTags } from './tag-rules';


/** `<Tagging><TagSet><Tag><Key/><Value/></Tag>...</TagSet></Tagging>`: MalformedXML unless so, then S3's tag rules. */
export function readTaggingDocument(doc: Record<string, unknown> | undefined, of: 'object' | 'bucket' = 'object'): Record<string, string> {
  const root = doc?.Tagging;
  if (!isRecord(root) || !('TagSet' in root)) throw new S3Error('MalformedXML');
  const tagSet = root.TagSet;
  if (tagSet !== '' && !isRecord(tagSet)) throw new S3Error('MalformedXML');
  const pairs = listOf(isRecord(tagSet) ? tagSet.Tag : undefined).map((tag): [string, string] => {
    if (!isRecord(tag) || typeof tag.Key !== 'string' || typeof tag.Value !== 'string') throw new S3Error('MalformedXML');
    return [tag.Key, tag.Value];
  });
  return checkTags(pairs, of);
}

/** The GetObjectTagging document; an empty TagSet is still written, as AWS does. */
export function taggingDocument(tags: Record<string, string>): XmlObject {
  const tag = Object.entries(tags).map(([Key, Value]) => ({ Key, Value }));
  return { TagSet: tag.length === 0 ? '' : { Tag: tag } };
}
