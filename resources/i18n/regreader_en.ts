<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>AnnotationController</name>
    <message>
        <location filename="../../reader/ui/annotate.py" line="271"/>
        <source>未保存：{0}</source>
        <extracomment>The annotations shown changed (after any edit, undo, redo or outside change). ``ask_note(**fields) -&gt; NoteValues | None``, ``ask_reply(annotation) -&gt; str | None`` and ``ask_link(source, relation, note) -&gt; LinkTarget | None`` open the dialogs; tests replace them. ``ask_reply_edit(annotation, reply) -&gt; str | None``: the reply&apos;s new text.</extracomment>
        <translation>Not saved: {0}</translation>
    </message>
    <message>
        <location filename="../../reader/ui/annotate.py" line="297"/>
        <location filename="../../reader/ui/annotate.py" line="424"/>
        <location filename="../../reader/ui/annotate.py" line="444"/>
        <source>没有打开的文档</source>
        <translation>No document is open</translation>
    </message>
    <message>
        <location filename="../../reader/ui/annotate.py" line="302"/>
        <source>这段文字不能批注（请在条文正文中选择）</source>
        <translation>This text cannot be annotated (select words in the body of a clause)</translation>
    </message>
    <message>
        <location filename="../../reader/ui/annotate.py" line="304"/>
        <source>请先在正文中选中文字</source>
        <translation>Select some words in the text first</translation>
    </message>
    <message>
        <location filename="../../reader/ui/annotate.py" line="306"/>
        <source>选区跨越多段，批注只作用于“{0}”所在的一段</source>
        <translation>The selection spans several paragraphs; the annotation covers only the one holding “{0}”</translation>
    </message>
    <message>
        <location filename="../../reader/ui/annotate.py" line="348"/>
        <location filename="../../reader/ui/annotate.py" line="553"/>
        <source>编辑回复</source>
        <translation>Edit reply</translation>
    </message>
    <message>
        <location filename="../../reader/ui/annotate.py" line="394"/>
        <source>高亮</source>
        <translation>Highlight</translation>
    </message>
    <message>
        <location filename="../../reader/ui/annotate.py" line="397"/>
        <source>已高亮（{0}）</source>
        <translation>Highlighted ({0})</translation>
    </message>
    <message>
        <location filename="../../reader/ui/annotate.py" line="397"/>
        <source>无分类</source>
        <translation>no category</translation>
    </message>
    <message>
        <location filename="../../reader/ui/annotate.py" line="408"/>
        <source>添加批注</source>
        <translation>Add Note</translation>
    </message>
    <message>
        <location filename="../../reader/ui/annotate.py" line="429"/>
        <source>条文批注</source>
        <translation>Note on Clause</translation>
    </message>
    <message>
        <location filename="../../reader/ui/annotate.py" line="436"/>
        <source>添加标签</source>
        <translation>Add Tags</translation>
    </message>
    <message>
        <location filename="../../reader/ui/annotate.py" line="458"/>
        <source>添加链接</source>
        <translation>Add Link</translation>
    </message>
    <message>
        <location filename="../../reader/ui/annotate.py" line="467"/>
        <source>已链接：{0} {1}</source>
        <translation>Linked: {0} {1}</translation>
    </message>
    <message>
        <location filename="../../reader/ui/annotate.py" line="496"/>
        <location filename="../../reader/ui/annotate.py" line="506"/>
        <source>编辑批注</source>
        <translation>Edit Note</translation>
    </message>
    <message>
        <location filename="../../reader/ui/annotate.py" line="510"/>
        <location filename="../../reader/ui/annotate.py" line="774"/>
        <source>更改分类</source>
        <translation>Change Category</translation>
    </message>
    <message>
        <source>标记为已解决</source>
        <translation type="vanished">Mark as Resolved</translation>
    </message>
    <message>
        <source>标记为未解决</source>
        <translation type="vanished">Mark as Open</translation>
    </message>
    <message>
        <location filename="../../reader/ui/annotate.py" line="521"/>
        <source>标记为{0}</source>
        <translation>Mark as {0}</translation>
    </message>
    <message>
        <location filename="../../reader/ui/annotate.py" line="532"/>
        <location filename="../../reader/ui/annotate.py" line="571"/>
        <source>请先选择一条批注</source>
        <translation>Select an annotation first</translation>
    </message>
    <message>
        <location filename="../../reader/ui/annotate.py" line="537"/>
        <source>回复批注</source>
        <translation>Reply to Note</translation>
    </message>
    <message>
        <location filename="../../reader/ui/annotate.py" line="560"/>
        <source>删除回复</source>
        <translation>Delete reply</translation>
    </message>
    <message>
        <location filename="../../reader/ui/annotate.py" line="564"/>
        <source>已删除回复（Ctrl+Z 撤销）</source>
        <translation>Reply deleted (Ctrl+Z to undo)</translation>
    </message>
    <message>
        <location filename="../../reader/ui/annotate.py" line="573"/>
        <location filename="../../reader/ui/annotate.py" line="783"/>
        <source>删除批注</source>
        <translation>Delete Annotation</translation>
    </message>
    <message>
        <location filename="../../reader/ui/annotate.py" line="577"/>
        <source>已删除批注（Ctrl+Z 撤销，或在回收站中恢复）</source>
        <translation>Annotation deleted (Ctrl+Z undoes it, or restore it from the trash)</translation>
    </message>
    <message>
        <location filename="../../reader/ui/annotate.py" line="582"/>
        <source>恢复批注</source>
        <translation>Restore Annotation</translation>
    </message>
    <message>
        <location filename="../../reader/ui/annotate.py" line="607"/>
        <source>重新附着批注</source>
        <translation>Re-attach Annotation</translation>
    </message>
    <message>
        <location filename="../../reader/ui/annotate.py" line="609"/>
        <source>已附着到 {0}</source>
        <translation>Attached to {0}</translation>
    </message>
    <message>
        <location filename="../../reader/ui/annotate.py" line="616"/>
        <source>删除链接</source>
        <translation>Delete Link</translation>
    </message>
    <message>
        <location filename="../../reader/ui/annotate.py" line="641"/>
        <source>编辑链接</source>
        <translation>Edit Link</translation>
    </message>
    <message>
        <location filename="../../reader/ui/annotate.py" line="648"/>
        <source>链接的另一端所在文档已从文库移除</source>
        <translation>The document at the other end of the link was removed from the library</translation>
    </message>
    <message>
        <location filename="../../reader/ui/annotate.py" line="668"/>
        <source>修改分类</source>
        <translation>Edit Categories</translation>
    </message>
    <message>
        <location filename="../../reader/ui/annotate.py" line="694"/>
        <source>作者名</source>
        <translation>Author Name</translation>
    </message>
    <message>
        <location filename="../../reader/ui/annotate.py" line="695"/>
        <source>新批注署名为：</source>
        <translation>Sign new annotations as:</translation>
    </message>
    <message>
        <location filename="../../reader/ui/annotate.py" line="700"/>
        <source>导出批注</source>
        <translation>Export Annotations</translation>
    </message>
    <message>
        <location filename="../../reader/ui/annotate.py" line="701"/>
        <location filename="../../reader/ui/annotate.py" line="710"/>
        <source>Web Annotation JSON (*.json)</source>
        <translation>Web Annotation JSON (*.json)</translation>
    </message>
    <message>
        <location filename="../../reader/ui/annotate.py" line="706"/>
        <source>已导出 {0} 项到 {1}</source>
        <translation>Exported {0} items to {1}</translation>
    </message>
    <message>
        <location filename="../../reader/ui/annotate.py" line="709"/>
        <location filename="../../reader/ui/annotate.py" line="716"/>
        <location filename="../../reader/ui/annotate.py" line="721"/>
        <source>导入批注</source>
        <translation>Import Annotations</translation>
    </message>
    <message>
        <location filename="../../reader/ui/annotate.py" line="722"/>
        <source>批注：新增 {0}，更新 {1}，保留本地 {2}
链接：新增 {3}，更新 {4}，保留本地 {5}
无法定位（孤立）：{6}</source>
        <translation>Annotations: {0} added, {1} updated, {2} kept (local copy newer)
Links: {3} added, {4} updated, {5} kept
Could not be placed (orphans): {6}</translation>
    </message>
    <message>
        <location filename="../../reader/ui/annotate.py" line="747"/>
        <source>这条批注的文档已从文库移除</source>
        <translation>This annotation&apos;s document was removed from the library</translation>
    </message>
    <message>
        <location filename="../../reader/ui/annotate.py" line="756"/>
        <source>原文已找不到，显示它原来所在的条文</source>
        <translation>Its words are no longer there; showing the clause where it was</translation>
    </message>
    <message>
        <location filename="../../reader/ui/annotate.py" line="763"/>
        <source>高亮为</source>
        <translation>Highlight As</translation>
    </message>
    <message>
        <location filename="../../reader/ui/annotate.py" line="773"/>
        <source>编辑批注…</source>
        <translation>Edit Note…</translation>
    </message>
    <message>
        <location filename="../../reader/ui/annotate.py" line="779"/>
        <source>回复…</source>
        <translation>Reply…</translation>
    </message>
    <message>
        <location filename="../../reader/ui/annotate.py" line="782"/>
        <source>在原版本中查看</source>
        <translation>View on the Version It Was Made On</translation>
    </message>
</context>
<context>
    <name>AnnotationsPanel</name>
    <message>
        <location filename="../../reader/ui/annotations_panel.py" line="162"/>
        <source>当前文档</source>
        <translation>This document</translation>
    </message>
    <message>
        <location filename="../../reader/ui/annotations_panel.py" line="163"/>
        <source>全部文库</source>
        <translation>Whole library</translation>
    </message>
    <message>
        <location filename="../../reader/ui/annotations_panel.py" line="167"/>
        <source>全部状态</source>
        <translation>Any status</translation>
    </message>
    <message>
        <location filename="../../reader/ui/annotations_panel.py" line="167"/>
        <location filename="../../reader/ui/annotations_panel.py" line="514"/>
        <source>未解决</source>
        <translation>Open</translation>
    </message>
    <message>
        <location filename="../../reader/ui/annotations_panel.py" line="167"/>
        <location filename="../../reader/ui/annotations_panel.py" line="514"/>
        <source>已答复</source>
        <translation>Answered</translation>
    </message>
    <message>
        <location filename="../../reader/ui/annotations_panel.py" line="168"/>
        <location filename="../../reader/ui/annotations_panel.py" line="514"/>
        <source>已解决</source>
        <translation>Resolved</translation>
    </message>
    <message>
        <location filename="../../reader/ui/annotations_panel.py" line="172"/>
        <source>筛选批注文字、引文、标签…</source>
        <translation>Filter notes, quotes, tags…</translation>
    </message>
    <message>
        <location filename="../../reader/ui/annotations_panel.py" line="173"/>
        <location filename="../../reader/ui/annotations_panel.py" line="501"/>
        <source>附着到正文中选中的文字</source>
        <translation>Attach to the Words Selected in the Text</translation>
    </message>
    <message>
        <location filename="../../reader/ui/annotations_panel.py" line="174"/>
        <source>先在正文中选中新的位置，再点此按钮（可撤销）</source>
        <translation>Select the new place in the text first, then click here (undoable)</translation>
    </message>
    <message>
        <location filename="../../reader/ui/annotations_panel.py" line="175"/>
        <source>恢复所选批注</source>
        <translation>Restore Selected Annotation</translation>
    </message>
    <message>
        <location filename="../../reader/ui/annotations_panel.py" line="209"/>
        <source>全部分类</source>
        <translation>All categories</translation>
    </message>
    <message>
        <location filename="../../reader/ui/annotations_panel.py" line="212"/>
        <source>（无分类）</source>
        <translation>(no category)</translation>
    </message>
    <message>
        <location filename="../../reader/ui/annotations_panel.py" line="217"/>
        <source>全部标签</source>
        <translation>All tags</translation>
    </message>
    <message>
        <location filename="../../reader/ui/annotations_panel.py" line="233"/>
        <source>全部作者</source>
        <translation>All authors</translation>
    </message>
    <message>
        <location filename="../../reader/ui/annotations_panel.py" line="243"/>
        <source>（未署名）</source>
        <translation>(unsigned)</translation>
    </message>
    <message>
        <location filename="../../reader/ui/annotations_panel.py" line="304"/>
        <source>批注</source>
        <translation>Annotations</translation>
    </message>
    <message>
        <location filename="../../reader/ui/annotations_panel.py" line="304"/>
        <source>孤立</source>
        <translation>Orphans</translation>
    </message>
    <message>
        <location filename="../../reader/ui/annotations_panel.py" line="304"/>
        <source>回收站</source>
        <translation>Trash</translation>
    </message>
    <message>
        <location filename="../../reader/ui/annotations_panel.py" line="313"/>
        <source>没有打开的文档</source>
        <translation>No document is open</translation>
    </message>
    <message>
        <location filename="../../reader/ui/annotations_panel.py" line="315"/>
        <source>显示 {0} 条批注</source>
        <translation>{0} annotations shown</translation>
    </message>
    <message>
        <location filename="../../reader/ui/annotations_panel.py" line="323"/>
        <source>（已移除的文档 {0}）</source>
        <translation>(removed document {0})</translation>
    </message>
    <message>
        <location filename="../../reader/ui/annotations_panel.py" line="337"/>
        <source>原文：“{0}”</source>
        <translation>Original words: “{0}”</translation>
    </message>
    <message>
        <location filename="../../reader/ui/annotations_panel.py" line="338"/>
        <source>新版本中找不到原文（原在{0}）</source>
        <translation>Not found in the new version (was in {0})</translation>
    </message>
    <message>
        <location filename="../../reader/ui/annotations_panel.py" line="342"/>
        <source>文档已从文库移除，重新导入后自动恢复位置</source>
        <translation>The document was removed from the library; importing it again puts the annotation back in place</translation>
    </message>
    <message>
        <location filename="../../reader/ui/annotations_panel.py" line="343"/>
        <source>重新导入后找不到原文（原位置：{0}）</source>
        <translation>Its words were not found after a re-import (it was at {0})</translation>
    </message>
    <message>
        <location filename="../../reader/ui/annotations_panel.py" line="345"/>
        <source>重新导入后位置有变动，请核对</source>
        <translation>Moved by a re-import: please check it</translation>
    </message>
    <message>
        <location filename="../../reader/ui/annotations_panel.py" line="349"/>
        <source>冲突：{0}</source>
        <translation>Conflict: {0}</translation>
    </message>
    <message>
        <location filename="../../reader/ui/annotations_panel.py" line="349"/>
        <source>冲突</source>
        <translation>Conflict</translation>
    </message>
    <message>
        <location filename="../../reader/ui/annotations_panel.py" line="352"/>
        <source>⚠ 冲突</source>
        <translation>⚠ Conflict</translation>
    </message>
    <message>
        <location filename="../../reader/ui/annotations_panel.py" line="386"/>
        <source>新版本中已移至{0}（原{1}）</source>
        <translation>Moved to {0} in the new version (was {1})</translation>
    </message>
    <message>
        <location filename="../../reader/ui/annotations_panel.py" line="388"/>
        <source>⚠ 您批注的原文已修改</source>
        <translation>⚠ The words you annotated were amended</translation>
    </message>
    <message>
        <location filename="../../reader/ui/annotations_panel.py" line="390"/>
        <source>新版本中找不到原文：“{0}”（原在{1}）</source>
        <translation>Not found in the new version: “{0}” (was in {1})</translation>
    </message>
    <message>
        <location filename="../../reader/ui/annotations_panel.py" line="488"/>
        <source>编辑回复…</source>
        <translation>Edit reply…</translation>
    </message>
    <message>
        <location filename="../../reader/ui/annotations_panel.py" line="489"/>
        <source>删除回复</source>
        <translation>Delete reply</translation>
    </message>
    <message>
        <location filename="../../reader/ui/annotations_panel.py" line="497"/>
        <source>回复…</source>
        <translation>Reply…</translation>
    </message>
    <message>
        <location filename="../../reader/ui/annotations_panel.py" line="505"/>
        <source>修改历史…</source>
        <translation>History of changes…</translation>
    </message>
    <message>
        <location filename="../../reader/ui/annotations_panel.py" line="507"/>
        <source>冲突已处理</source>
        <translation>Conflict resolved</translation>
    </message>
    <message>
        <location filename="../../reader/ui/annotations_panel.py" line="518"/>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../reader/ui/annotations_panel.py" line="339"/>
        <location filename="../../reader/ui/annotations_panel.py" line="391"/>
        <source>原版本</source>
        <translation>the earlier version</translation>
    </message>
    <message>
        <location filename="../../reader/ui/annotations_panel.py" line="492"/>
        <source>恢复</source>
        <translation>Restore</translation>
    </message>
    <message>
        <location filename="../../reader/ui/annotations_panel.py" line="495"/>
        <source>转到正文</source>
        <translation>Show in Text</translation>
    </message>
    <message>
        <location filename="../../reader/ui/annotations_panel.py" line="496"/>
        <source>编辑批注…</source>
        <translation>Edit Note…</translation>
    </message>
    <message>
        <source>标记为未解决</source>
        <translation type="vanished">Mark as Open</translation>
    </message>
    <message>
        <source>标记为已解决</source>
        <translation type="vanished">Mark as Resolved</translation>
    </message>
    <message>
        <location filename="../../reader/ui/annotations_panel.py" line="503"/>
        <source>在原版本中查看</source>
        <translation>View on the Version It Was Made On</translation>
    </message>
    <message>
        <location filename="../../reader/ui/annotations_panel.py" line="509"/>
        <source>删除批注</source>
        <translation>Delete Annotation</translation>
    </message>
</context>
<context>
    <name>CategoryEditor</name>
    <message>
        <location filename="../../reader/ui/annotation_dialogs.py" line="391"/>
        <source>管理分类</source>
        <translation>Categories</translation>
    </message>
    <message>
        <location filename="../../reader/ui/annotation_dialogs.py" line="397"/>
        <source>颜色与名称</source>
        <translation>Colour and name</translation>
    </message>
    <message>
        <location filename="../../reader/ui/annotation_dialogs.py" line="397"/>
        <source>含义</source>
        <translation>Meaning</translation>
    </message>
    <message>
        <location filename="../../reader/ui/annotation_dialogs.py" line="397"/>
        <source>使用</source>
        <translation>Used</translation>
    </message>
    <message>
        <location filename="../../reader/ui/annotation_dialogs.py" line="406"/>
        <source>添加</source>
        <translation>Add</translation>
    </message>
    <message>
        <location filename="../../reader/ui/annotation_dialogs.py" line="407"/>
        <source>颜色…</source>
        <translation>Colour…</translation>
    </message>
    <message>
        <location filename="../../reader/ui/annotation_dialogs.py" line="408"/>
        <source>删除</source>
        <translation>Delete</translation>
    </message>
    <message>
        <location filename="../../reader/ui/annotation_dialogs.py" line="409"/>
        <source>删除后不再可选；已有的高亮保留原颜色（可撤销）</source>
        <translation>A deleted category can no longer be chosen; existing highlights keep their colour (undoable)</translation>
    </message>
    <message>
        <location filename="../../reader/ui/annotation_dialogs.py" line="432"/>
        <source>新分类</source>
        <translation>New category</translation>
    </message>
    <message>
        <location filename="../../reader/ui/annotation_dialogs.py" line="448"/>
        <source>分类颜色</source>
        <translation>Category Colour</translation>
    </message>
    <message>
        <location filename="../../reader/ui/annotation_dialogs.py" line="473"/>
        <source>分类名称不能为空</source>
        <translation>A category needs a name</translation>
    </message>
    <message>
        <location filename="../../reader/ui/annotation_dialogs.py" line="476"/>
        <source>分类名称不能重复</source>
        <translation>Two categories cannot have the same name</translation>
    </message>
</context>
<context>
    <name>CompareModel</name>
    <message>
        <location filename="../../reader/ui/compare_model.py" line="146"/>
        <source>状态</source>
        <extracomment>Badge colours per status (background; the text is white).</extracomment>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../reader/ui/compare_model.py" line="146"/>
        <source>修改前</source>
        <translation>Before</translation>
    </message>
    <message>
        <location filename="../../reader/ui/compare_model.py" line="146"/>
        <source>修改后</source>
        <translation>After</translation>
    </message>
    <message>
        <location filename="../../reader/ui/compare_model.py" line="150"/>
        <source>未修改</source>
        <translation>Unchanged</translation>
    </message>
    <message>
        <location filename="../../reader/ui/compare_model.py" line="150"/>
        <source>修改</source>
        <translation>Changed</translation>
    </message>
    <message>
        <location filename="../../reader/ui/compare_model.py" line="150"/>
        <source>移动</source>
        <translation>Moved</translation>
    </message>
    <message>
        <location filename="../../reader/ui/compare_model.py" line="151"/>
        <source>新增</source>
        <translation>Added</translation>
    </message>
    <message>
        <location filename="../../reader/ui/compare_model.py" line="151"/>
        <source>删除</source>
        <translation>Removed</translation>
    </message>
    <message>
        <location filename="../../reader/ui/compare_model.py" line="151"/>
        <source>拆分</source>
        <translation>Split</translation>
    </message>
    <message>
        <location filename="../../reader/ui/compare_model.py" line="152"/>
        <source>合并</source>
        <translation>Merged</translation>
    </message>
    <message>
        <location filename="../../reader/ui/compare_model.py" line="155"/>
        <source>原{0}</source>
        <translation>was {0}</translation>
    </message>
    <message>
        <location filename="../../reader/ui/compare_model.py" line="160"/>
        <source>{0} 未修改</source>
        <translation>{0} unchanged</translation>
    </message>
    <message>
        <location filename="../../reader/ui/compare_model.py" line="160"/>
        <source>{0} 有修改</source>
        <translation>{0} changed</translation>
    </message>
    <message>
        <location filename="../../reader/ui/compare_model.py" line="161"/>
        <source>原{1}改为{0}</source>
        <translation>{1} renumbered as {0}</translation>
    </message>
    <message>
        <location filename="../../reader/ui/compare_model.py" line="161"/>
        <source>新增{0}</source>
        <translation>{0} added</translation>
    </message>
    <message>
        <location filename="../../reader/ui/compare_model.py" line="161"/>
        <source>删除原{1}</source>
        <translation>{1} removed</translation>
    </message>
    <message>
        <location filename="../../reader/ui/compare_model.py" line="162"/>
        <source>原{1}拆分，此为{0}</source>
        <translation>{1} split; this part is {0}</translation>
    </message>
    <message>
        <location filename="../../reader/ui/compare_model.py" line="162"/>
        <source>原{1}并入{0}</source>
        <translation>{1} merged into {0}</translation>
    </message>
    <message>
        <location filename="../../reader/ui/compare_model.py" line="165"/>
        <source>，文字有修改</source>
        <translation>, its words changed</translation>
    </message>
    <message>
        <location filename="../../reader/ui/compare_model.py" line="165"/>
        <source>，文字未变</source>
        <translation>, its words unchanged</translation>
    </message>
    <message>
        <location filename="../../reader/ui/compare_model.py" line="167"/>
        <source>（相似度 {0:.0%}）</source>
        <translation> (similarity {0:.0%})</translation>
    </message>
</context>
<context>
    <name>ComparePicker</name>
    <message>
        <location filename="../../reader/ui/compare_dialog.py" line="60"/>
        <source>新旧对照</source>
        <extracomment>Titles at least this alike (rapidfuzz ratio of the keys) count as versions of one another.</extracomment>
        <translation>Compare Versions</translation>
    </message>
    <message>
        <location filename="../../reader/ui/compare_dialog.py" line="62"/>
        <source>把《{0}》与哪一篇对照？</source>
        <translation>Compare “{0}” with which document?</translation>
    </message>
    <message>
        <location filename="../../reader/ui/compare_dialog.py" line="64"/>
        <source>筛选标题…</source>
        <translation>Filter titles…</translation>
    </message>
    <message>
        <location filename="../../reader/ui/compare_dialog.py" line="72"/>
        <source>当前文档是修改前的版本</source>
        <translation>The open document is the earlier version</translation>
    </message>
    <message>
        <location filename="../../reader/ui/compare_dialog.py" line="75"/>
        <source>对照</source>
        <translation>Compare</translation>
    </message>
    <message>
        <location filename="../../reader/ui/compare_dialog.py" line="84"/>
        <source>（现行）</source>
        <translation> (current)</translation>
    </message>
    <message>
        <location filename="../../reader/ui/compare_dialog.py" line="94"/>
        <source>相近标题</source>
        <translation>Similar titles</translation>
    </message>
    <message>
        <location filename="../../reader/ui/compare_dialog.py" line="94"/>
        <source>本文档的版本</source>
        <translation>Versions of this document</translation>
    </message>
    <message>
        <location filename="../../reader/ui/compare_dialog.py" line="95"/>
        <source>全部文档</source>
        <translation>All documents</translation>
    </message>
</context>
<context>
    <name>CompareWindow</name>
    <message>
        <location filename="../../reader/ui/compare_view.py" line="228"/>
        <source>新旧对照</source>
        <extracomment>The user clicked a pair: open (doc_id, node_id) in the reading view; raise it if True. The comparison arrived and is shown (tests wait for it). The Word 对照表 was written (a ComparisonResult) or could not be (the reason).</extracomment>
        <translation>Compare Versions</translation>
    </message>
    <message>
        <location filename="../../reader/ui/compare_view.py" line="229"/>
        <source>⇄ 交换新旧</source>
        <translation>⇄ Swap</translation>
    </message>
    <message>
        <location filename="../../reader/ui/compare_view.py" line="230"/>
        <source>把修改前和修改后对调</source>
        <translation>Swap the earlier and the later version</translation>
    </message>
    <message>
        <location filename="../../reader/ui/compare_view.py" line="231"/>
        <source>导出 Word 对照表…</source>
        <translation>Export Word Comparison Table…</translation>
    </message>
    <message>
        <location filename="../../reader/ui/compare_view.py" line="232"/>
        <source>把对照写成 Word 修改前后对照表（修改前 | 修改后 | 说明）；勾选“只看修改”时只含有修改的条文</source>
        <translation>Write the comparison as a Word table (Before | After | Notes); with “Changes only” ticked, only the changed articles</translation>
    </message>
    <message>
        <location filename="../../reader/ui/compare_view.py" line="233"/>
        <source>只看修改</source>
        <translation>Changes only</translation>
    </message>
    <message>
        <location filename="../../reader/ui/compare_view.py" line="234"/>
        <source>隐藏文字未变的条文（包括只改了序号的条文）</source>
        <translation>Hide the articles whose words did not change (including those only renumbered)</translation>
    </message>
    <message>
        <location filename="../../reader/ui/compare_view.py" line="238"/>
        <source>全部状态</source>
        <translation>All statuses</translation>
    </message>
    <message>
        <location filename="../../reader/ui/compare_view.py" line="238"/>
        <source>修改</source>
        <translation>Changed</translation>
    </message>
    <message>
        <location filename="../../reader/ui/compare_view.py" line="238"/>
        <source>移动</source>
        <translation>Moved</translation>
    </message>
    <message>
        <location filename="../../reader/ui/compare_view.py" line="239"/>
        <source>新增</source>
        <translation>Added</translation>
    </message>
    <message>
        <location filename="../../reader/ui/compare_view.py" line="239"/>
        <source>删除</source>
        <translation>Removed</translation>
    </message>
    <message>
        <location filename="../../reader/ui/compare_view.py" line="239"/>
        <source>拆分与合并</source>
        <translation>Split and merged</translation>
    </message>
    <message>
        <location filename="../../reader/ui/compare_view.py" line="243"/>
        <source>上一处修改</source>
        <translation>Previous change</translation>
    </message>
    <message>
        <location filename="../../reader/ui/compare_view.py" line="244"/>
        <source>上一处修改（Shift+F8 或 Alt+↑）</source>
        <translation>Previous change (Shift+F8 or Alt+↑)</translation>
    </message>
    <message>
        <location filename="../../reader/ui/compare_view.py" line="245"/>
        <source>下一处修改</source>
        <translation>Next change</translation>
    </message>
    <message>
        <location filename="../../reader/ui/compare_view.py" line="246"/>
        <source>下一处修改（F8 或 Alt+↓）</source>
        <translation>Next change (F8 or Alt+↓)</translation>
    </message>
    <message>
        <location filename="../../reader/ui/compare_view.py" line="287"/>
        <source>正在对照…</source>
        <translation>Comparing…</translation>
    </message>
    <message>
        <location filename="../../reader/ui/compare_view.py" line="306"/>
        <source>单击一行在阅读窗口中打开该条（双击或回车并切换到阅读窗口）</source>
        <translation>Click a row to open its article in the reading window (double-click or Enter to switch to it)</translation>
    </message>
    <message>
        <location filename="../../reader/ui/compare_view.py" line="322"/>
        <source>无法对照：{0}</source>
        <translation>Cannot compare: {0}</translation>
    </message>
    <message>
        <location filename="../../reader/ui/compare_view.py" line="338"/>
        <source>修改前：{0}
修改后：{1}</source>
        <translation>Before: {0}
After: {1}</translation>
    </message>
    <message>
        <location filename="../../reader/ui/compare_view.py" line="346"/>
        <source>修改 {0}</source>
        <translation>changed {0}</translation>
    </message>
    <message>
        <location filename="../../reader/ui/compare_view.py" line="347"/>
        <source>移动 {0}（其中文字有修改 {1}）</source>
        <translation>moved {0} (words changed in {1})</translation>
    </message>
    <message>
        <location filename="../../reader/ui/compare_view.py" line="348"/>
        <source>新增 {0}</source>
        <translation>added {0}</translation>
    </message>
    <message>
        <location filename="../../reader/ui/compare_view.py" line="348"/>
        <source>删除 {0}</source>
        <translation>removed {0}</translation>
    </message>
    <message>
        <location filename="../../reader/ui/compare_view.py" line="349"/>
        <source>拆分 {0}</source>
        <translation>split {0}</translation>
    </message>
    <message>
        <location filename="../../reader/ui/compare_view.py" line="349"/>
        <source>合并 {0}</source>
        <translation>merged {0}</translation>
    </message>
    <message>
        <location filename="../../reader/ui/compare_view.py" line="350"/>
        <source>未修改 {0}</source>
        <translation>unchanged {0}</translation>
    </message>
    <message>
        <location filename="../../reader/ui/compare_view.py" line="351"/>
        <source>显示 {0} / {1} 行</source>
        <translation>showing {0} / {1} rows</translation>
    </message>
    <message>
        <location filename="../../reader/ui/compare_view.py" line="352"/>
        <source>条文：</source>
        <translation>Articles: </translation>
    </message>
    <message>
        <location filename="../../reader/ui/compare_view.py" line="391"/>
        <source>没有更多修改</source>
        <translation>No more changes</translation>
    </message>
    <message>
        <location filename="../../reader/ui/compare_view.py" line="391"/>
        <source>前面没有修改</source>
        <translation>No earlier changes</translation>
    </message>
    <message>
        <location filename="../../reader/ui/compare_view.py" line="410"/>
        <source>已在阅读窗口打开{0}{1}</source>
        <translation>Opened {1} of the {0} in the reading window</translation>
    </message>
    <message>
        <location filename="../../reader/ui/compare_view.py" line="411"/>
        <source>修改前的</source>
        <translation>earlier version</translation>
    </message>
    <message>
        <location filename="../../reader/ui/compare_view.py" line="411"/>
        <source>修改后的</source>
        <translation>later version</translation>
    </message>
    <message>
        <location filename="../../reader/ui/compare_view.py" line="418"/>
        <source>{0}修改前后对照表.docx</source>
        <translation>{0} comparison table.docx</translation>
    </message>
    <message>
        <location filename="../../reader/ui/compare_view.py" line="419"/>
        <source>导出 Word 对照表</source>
        <translation>Export Word Comparison Table</translation>
    </message>
    <message>
        <location filename="../../reader/ui/compare_view.py" line="420"/>
        <source>Word 文档 (*.docx)</source>
        <translation>Word document (*.docx)</translation>
    </message>
    <message>
        <location filename="../../reader/ui/compare_view.py" line="429"/>
        <source>正在导出…</source>
        <translation>Exporting…</translation>
    </message>
    <message>
        <location filename="../../reader/ui/compare_view.py" line="437"/>
        <source>已导出 {0} 行：{1}</source>
        <translation>Exported {0} rows: {1}</translation>
    </message>
    <message>
        <location filename="../../reader/ui/compare_view.py" line="443"/>
        <source>导出失败：{0}</source>
        <translation>Export failed: {0}</translation>
    </message>
</context>
<context>
    <name>ConnectDialog</name>
    <message>
        <location filename="../../reader/ui/team_dialogs.py" line="99"/>
        <source>连接团队服务器</source>
        <translation>Connect to team server</translation>
    </message>
    <message>
        <location filename="../../reader/ui/team_dialogs.py" line="107"/>
        <source>团队服务器地址（PostgreSQL 连接 URI，或 service=服务名）：</source>
        <translation>Team server address (a PostgreSQL connection URI, or service=NAME):</translation>
    </message>
    <message>
        <location filename="../../reader/ui/team_dialogs.py" line="109"/>
        <source>密码不要写在地址里：请放在 ~/.pgpass 或 PostgreSQL 服务文件（~/.pg_service.conf）中，法规阅读器不保存密码。建议使用 sslmode=verify-full。</source>
        <translation>Never put the password in the address: keep it in ~/.pgpass or a PostgreSQL service file (~/.pg_service.conf); RegReader stores no password. sslmode=verify-full is recommended.</translation>
    </message>
    <message>
        <location filename="../../reader/ui/team_dialogs.py" line="114"/>
        <source>连接</source>
        <translation>Connect</translation>
    </message>
    <message>
        <location filename="../../reader/ui/team_dialogs.py" line="126"/>
        <source>请输入服务器地址</source>
        <translation>Enter the server address</translation>
    </message>
    <message>
        <location filename="../../reader/ui/team_dialogs.py" line="128"/>
        <source>地址中含有密码。请删去密码，把它写进 ~/.pgpass 或服务文件。</source>
        <translation>The address contains a password. Remove it and put it in ~/.pgpass or a service file.</translation>
    </message>
    <message>
        <location filename="../../reader/ui/team_dialogs.py" line="130"/>
        <source>地址应以 postgresql:// 开头，或写作 service=服务名</source>
        <translation>The address should start with postgresql://, or be service=NAME</translation>
    </message>
    <message>
        <location filename="../../reader/ui/team_dialogs.py" line="141"/>
        <source>正在连接…</source>
        <translation>Connecting…</translation>
    </message>
    <message>
        <location filename="../../reader/ui/team_dialogs.py" line="154"/>
        <source>无法连接：{0}</source>
        <translation>Cannot connect: {0}</translation>
    </message>
</context>
<context>
    <name>DocumentTreeModel</name>
    <message>
        <location filename="../../reader/ui/tree_model.py" line="147"/>
        <source>目录</source>
        <translation>Contents</translation>
    </message>
    <message>
        <location filename="../../reader/ui/tree_model.py" line="172"/>
        <source>序言</source>
        <translation>Preamble</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <location filename="../../reader/ui/export_dialog.py" line="61"/>
        <source>导出 Word 文档</source>
        <extracomment>The export was written (ExportResult). The export failed or was cancelled (the message shown).</extracomment>
        <translation>Export to Word</translation>
    </message>
    <message>
        <location filename="../../reader/ui/export_dialog.py" line="73"/>
        <source>导出内容：</source>
        <translation>Export:</translation>
    </message>
    <message>
        <location filename="../../reader/ui/export_dialog.py" line="76"/>
        <source>审阅简报（批注、意见与关联）</source>
        <translation>Review brief (annotations, notes and links)</translation>
    </message>
    <message>
        <location filename="../../reader/ui/export_dialog.py" line="77"/>
        <source>批注一览表</source>
        <translation>Table of annotations</translation>
    </message>
    <message>
        <location filename="../../reader/ui/export_dialog.py" line="78"/>
        <source>原文（不含批注，单个文件）</source>
        <translation>Clean text (no annotations, one document)</translation>
    </message>
    <message>
        <location filename="../../reader/ui/export_dialog.py" line="82"/>
        <source>文件</source>
        <translation>Documents</translation>
    </message>
    <message>
        <location filename="../../reader/ui/export_dialog.py" line="91"/>
        <source>有批注的</source>
        <translation>Annotated</translation>
    </message>
    <message>
        <location filename="../../reader/ui/export_dialog.py" line="92"/>
        <source>全选</source>
        <translation>All</translation>
    </message>
    <message>
        <location filename="../../reader/ui/export_dialog.py" line="93"/>
        <source>全不选</source>
        <translation>None</translation>
    </message>
    <message>
        <location filename="../../reader/ui/export_dialog.py" line="101"/>
        <source>选项</source>
        <translation>Options</translation>
    </message>
    <message>
        <location filename="../../reader/ui/export_dialog.py" line="104"/>
        <source>全文</source>
        <translation>Full text</translation>
    </message>
    <message>
        <location filename="../../reader/ui/export_dialog.py" line="105"/>
        <source>仅有批注或关联的条文</source>
        <translation>Only articles with annotations or links</translation>
    </message>
    <message>
        <location filename="../../reader/ui/export_dialog.py" line="112"/>
        <source>范围：</source>
        <translation>Scope:</translation>
    </message>
    <message>
        <location filename="../../reader/ui/export_dialog.py" line="113"/>
        <source>批注写为 Word 批注（审阅窗格）</source>
        <translation>Notes as Word comments (review pane)</translation>
    </message>
    <message>
        <location filename="../../reader/ui/export_dialog.py" line="114"/>
        <source>条文下另列“审阅意见”段落</source>
        <translation>Also a “审阅意见” (review note) paragraph under each article</translation>
    </message>
    <message>
        <location filename="../../reader/ui/export_dialog.py" line="115"/>
        <source>包括已解决的批注</source>
        <translation>Include resolved annotations</translation>
    </message>
    <message>
        <location filename="../../reader/ui/export_dialog.py" line="122"/>
        <source>标题：</source>
        <translation>Title:</translation>
    </message>
    <message>
        <location filename="../../reader/ui/export_dialog.py" line="125"/>
        <source>审阅人：</source>
        <translation>Reviewer:</translation>
    </message>
    <message>
        <location filename="../../reader/ui/export_dialog.py" line="129"/>
        <source>浏览…</source>
        <translation>Browse…</translation>
    </message>
    <message>
        <location filename="../../reader/ui/export_dialog.py" line="133"/>
        <source>保存到：</source>
        <translation>Save to:</translation>
    </message>
    <message>
        <location filename="../../reader/ui/export_dialog.py" line="149"/>
        <source>打开文件</source>
        <translation>Open file</translation>
    </message>
    <message>
        <location filename="../../reader/ui/export_dialog.py" line="150"/>
        <source>打开所在文件夹</source>
        <translation>Show in folder</translation>
    </message>
    <message>
        <location filename="../../reader/ui/export_dialog.py" line="151"/>
        <source>导出</source>
        <translation>Export</translation>
    </message>
    <message>
        <location filename="../../reader/ui/export_dialog.py" line="152"/>
        <location filename="../../reader/ui/export_dialog.py" line="264"/>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../reader/ui/export_dialog.py" line="179"/>
        <source>{0} 条批注</source>
        <translation>{0} annotations</translation>
    </message>
    <message>
        <location filename="../../reader/ui/export_dialog.py" line="181"/>
        <source>{0} 个关联</source>
        <translation>{0} links</translation>
    </message>
    <message>
        <location filename="../../reader/ui/export_dialog.py" line="264"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../reader/ui/export_dialog.py" line="267"/>
        <source>导出到</source>
        <translation>Export to</translation>
    </message>
    <message>
        <location filename="../../reader/ui/export_dialog.py" line="268"/>
        <source>Word 文档 (*.docx)</source>
        <translation>Word document (*.docx)</translation>
    </message>
    <message>
        <location filename="../../reader/ui/export_dialog.py" line="321"/>
        <source>正在导出…</source>
        <translation>Exporting…</translation>
    </message>
    <message>
        <location filename="../../reader/ui/export_dialog.py" line="337"/>
        <source>导出已取消，未写入任何文件。</source>
        <translation>Export cancelled; nothing was written.</translation>
    </message>
    <message>
        <location filename="../../reader/ui/export_dialog.py" line="339"/>
        <source>未能导出：{0}</source>
        <translation>Could not export: {0}</translation>
    </message>
    <message>
        <location filename="../../reader/ui/export_dialog.py" line="343"/>
        <source>已导出到 {0}</source>
        <translation>Exported to {0}</translation>
    </message>
    <message>
        <location filename="../../reader/ui/export_dialog.py" line="345"/>
        <source>{0} 个文件，{1} 条批注（{2} 条 Word 批注），{3} 个关联，用时 {4:.1f} 秒</source>
        <translation>{0} documents, {1} annotations ({2} Word comments), {3} links, {4:.1f} s</translation>
    </message>
    <message>
        <location filename="../../reader/ui/export_dialog.py" line="349"/>
        <source>{0} 条批注找不到原位置，已单独列出</source>
        <translation>{0} annotations could not be placed; listed separately</translation>
    </message>
    <message>
        <location filename="../../reader/ui/export_dialog.py" line="361"/>
        <source>导出出错：{0}</source>
        <translation>Export failed: {0}</translation>
    </message>
    <message>
        <location filename="../../reader/ui/export_dialog.py" line="372"/>
        <source>正在取消…</source>
        <translation>Cancelling…</translation>
    </message>
</context>
<context>
    <name>FindBar</name>
    <message>
        <location filename="../../reader/ui/find_bar.py" line="43"/>
        <source>查找</source>
        <translation>Find</translation>
    </message>
    <message>
        <location filename="../../reader/ui/find_bar.py" line="44"/>
        <source>在本文档中查找…</source>
        <translation>Find in this document…</translation>
    </message>
    <message>
        <location filename="../../reader/ui/find_bar.py" line="45"/>
        <source>上一处（Shift+F3）</source>
        <translation>Previous (Shift+F3)</translation>
    </message>
    <message>
        <location filename="../../reader/ui/find_bar.py" line="46"/>
        <source>下一处（F3 或回车）</source>
        <translation>Next (F3 or Enter)</translation>
    </message>
    <message>
        <location filename="../../reader/ui/find_bar.py" line="47"/>
        <source>关闭（Esc）</source>
        <translation>Close (Esc)</translation>
    </message>
    <message>
        <location filename="../../reader/ui/find_bar.py" line="69"/>
        <source>无结果</source>
        <translation>No matches</translation>
    </message>
</context>
<context>
    <name>HistoryDialog</name>
    <message>
        <location filename="../../reader/ui/team_dialogs.py" line="288"/>
        <source>修改历史</source>
        <translation>History of changes</translation>
    </message>
    <message>
        <location filename="../../reader/ui/team_dialogs.py" line="294"/>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <location filename="../../reader/ui/team_dialogs.py" line="294"/>
        <source>修改人</source>
        <translation>Changed by</translation>
    </message>
    <message>
        <location filename="../../reader/ui/team_dialogs.py" line="294"/>
        <source>内容</source>
        <translation>Field</translation>
    </message>
    <message>
        <location filename="../../reader/ui/team_dialogs.py" line="295"/>
        <source>原值</source>
        <translation>Before</translation>
    </message>
    <message>
        <location filename="../../reader/ui/team_dialogs.py" line="295"/>
        <source>新值</source>
        <translation>After</translation>
    </message>
    <message>
        <location filename="../../reader/ui/team_dialogs.py" line="296"/>
        <source>正在读取修改历史…</source>
        <translation>Reading the history…</translation>
    </message>
    <message>
        <location filename="../../reader/ui/team_dialogs.py" line="313"/>
        <source>批注</source>
        <translation>Note</translation>
    </message>
    <message>
        <location filename="../../reader/ui/team_dialogs.py" line="313"/>
        <source>标签</source>
        <translation>Tags</translation>
    </message>
    <message>
        <location filename="../../reader/ui/team_dialogs.py" line="313"/>
        <source>分类</source>
        <translation>Category</translation>
    </message>
    <message>
        <location filename="../../reader/ui/team_dialogs.py" line="314"/>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../reader/ui/team_dialogs.py" line="314"/>
        <source>引文</source>
        <translation>Quote</translation>
    </message>
    <message>
        <location filename="../../reader/ui/team_dialogs.py" line="314"/>
        <source>删除</source>
        <translation>Deleted</translation>
    </message>
    <message>
        <location filename="../../reader/ui/team_dialogs.py" line="315"/>
        <source>位置</source>
        <translation>Place</translation>
    </message>
    <message>
        <location filename="../../reader/ui/team_dialogs.py" line="315"/>
        <source>文字</source>
        <translation>Text</translation>
    </message>
    <message>
        <location filename="../../reader/ui/team_dialogs.py" line="315"/>
        <source>作者</source>
        <translation>Author</translation>
    </message>
    <message>
        <location filename="../../reader/ui/team_dialogs.py" line="320"/>
        <location filename="../../reader/ui/team_dialogs.py" line="325"/>
        <source>（空）</source>
        <translation>(empty)</translation>
    </message>
    <message>
        <location filename="../../reader/ui/team_dialogs.py" line="322"/>
        <source>未解决</source>
        <translation>Open</translation>
    </message>
    <message>
        <location filename="../../reader/ui/team_dialogs.py" line="322"/>
        <source>已答复</source>
        <translation>Answered</translation>
    </message>
    <message>
        <location filename="../../reader/ui/team_dialogs.py" line="323"/>
        <source>已解决</source>
        <translation>Resolved</translation>
    </message>
    <message>
        <location filename="../../reader/ui/team_dialogs.py" line="333"/>
        <source>共 {0} 处修改</source>
        <translation>{0} change(s)</translation>
    </message>
    <message>
        <location filename="../../reader/ui/team_dialogs.py" line="334"/>
        <source>服务器上还没有这条批注的修改记录</source>
        <translation>The server has no changes of this annotation yet</translation>
    </message>
    <message>
        <location filename="../../reader/ui/team_dialogs.py" line="339"/>
        <source>无法读取修改历史：{0}</source>
        <translation>Cannot read the history: {0}</translation>
    </message>
</context>
<context>
    <name>ImportController</name>
    <message>
        <location filename="../../reader/ui/importer.py" line="81"/>
        <source>取消</source>
        <extracomment>An import ended (ImportReport): the library may have changed. The sample documents were imported on first start (ImportReport or None).</extracomment>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../reader/ui/importer.py" line="82"/>
        <source>停止导入（已导入的文件会保留）</source>
        <translation>Stop the import (files already imported are kept)</translation>
    </message>
    <message>
        <location filename="../../reader/ui/importer.py" line="100"/>
        <source>法规文件 ({0})</source>
        <translation>Regulations ({0})</translation>
    </message>
    <message>
        <location filename="../../reader/ui/importer.py" line="100"/>
        <source>所有文件 (*)</source>
        <translation>All files (*)</translation>
    </message>
    <message>
        <location filename="../../reader/ui/importer.py" line="103"/>
        <source>导入文件</source>
        <translation>Import Files</translation>
    </message>
    <message>
        <source>法规文件 (*.txt *.md *.markdown *.docx);;所有文件 (*)</source>
        <translation type="vanished">Regulations (*.txt *.md *.markdown *.docx);;All files (*)</translation>
    </message>
    <message>
        <source>已加入导入队列：{0} 个文件</source>
        <translation type="vanished">Queued for import: {0} files</translation>
    </message>
    <message>
        <location filename="../../reader/ui/importer.py" line="133"/>
        <source>导入 %v/%m</source>
        <translation>Import %v/%m</translation>
    </message>
    <message>
        <location filename="../../reader/ui/importer.py" line="138"/>
        <source>正在导入 {0} 个文件…</source>
        <translation>Importing {0} files…</translation>
    </message>
    <message>
        <location filename="../../reader/ui/importer.py" line="145"/>
        <source>已导入 {0}/{1}：{2}</source>
        <translation>Imported {0}/{1}: {2}</translation>
    </message>
    <message>
        <location filename="../../reader/ui/importer.py" line="152"/>
        <source>正在取消导入…</source>
        <translation>Cancelling the import…</translation>
    </message>
    <message>
        <source>导入完成：新增 {0}，更新 {1}，重复 {2}，失败 {3}</source>
        <translation type="vanished">Import finished: {0} added, {1} updated, {2} duplicates, {3} failed</translation>
    </message>
    <message>
        <location filename="../../reader/ui/importer.py" line="110"/>
        <source>导入文件夹</source>
        <translation>Import folder</translation>
    </message>
    <message>
        <location filename="../../reader/ui/importer.py" line="122"/>
        <source>已加入导入队列：{0} 项</source>
        <translation>Queued for import: {0} items</translation>
    </message>
    <message>
        <location filename="../../reader/ui/importer.py" line="137"/>
        <source>正在查找文件夹中的文件…</source>
        <translation>Looking for files in the folder…</translation>
    </message>
    <message>
        <location filename="../../reader/ui/importer.py" line="161"/>
        <source>导入完成：新增 {0}，更新 {1}，重复 {2}，跳过 {3}，失败 {4}</source>
        <translation>Import finished: {0} added, {1} updated, {2} duplicates, {3} skipped, {4} failed</translation>
    </message>
    <message>
        <location filename="../../reader/ui/importer.py" line="166"/>
        <source>，新版本 {0}，未变 {1}</source>
        <translation>, new versions {0}, unchanged {1}</translation>
    </message>
    <message>
        <location filename="../../reader/ui/importer.py" line="168"/>
        <source>导入已取消（已处理 {0} 个文件）。</source>
        <translation>Import cancelled ({0} files processed). </translation>
    </message>
    <message>
        <location filename="../../reader/ui/importer.py" line="178"/>
        <source>未能导入 {0} 个文件：</source>
        <translation>Not imported ({0}):</translation>
    </message>
    <message>
        <location filename="../../reader/ui/importer.py" line="179"/>
        <source>{0}：{1}</source>
        <translation>{0}: {1}</translation>
    </message>
    <message>
        <location filename="../../reader/ui/importer.py" line="186"/>
        <source>跳过 {0} 个文件：</source>
        <translation>Skipped ({0}):</translation>
    </message>
    <message>
        <location filename="../../reader/ui/importer.py" line="188"/>
        <source>{0}（{1} 个）：</source>
        <translation>{0} ({1}):</translation>
    </message>
    <message>
        <location filename="../../reader/ui/importer.py" line="199"/>
        <source>新版本 {0} 个：</source>
        <translation>{0} new version(s):</translation>
    </message>
    <message>
        <location filename="../../reader/ui/importer.py" line="201"/>
        <source>现行</source>
        <translation>Current</translation>
    </message>
    <message>
        <location filename="../../reader/ui/importer.py" line="201"/>
        <source>较早版本，现行版本不变</source>
        <translation>an earlier version; the current version is unchanged</translation>
    </message>
    <message>
        <location filename="../../reader/ui/importer.py" line="202"/>
        <source>新版本：《{0}》{1}（{2}）— {3}</source>
        <translation>New version: {0} {1} ({2}) — {3}</translation>
    </message>
    <message>
        <location filename="../../reader/ui/importer.py" line="207"/>
        <source>文库中已有相同文本，未作更改（{0} 个）：</source>
        <translation>The library already holds the same text; nothing changed ({0}):</translation>
    </message>
    <message>
        <location filename="../../reader/ui/importer.py" line="212"/>
        <source>批注已随新版本：{0} 处未变，{1} 处移动，{2} 处原文修改，{3} 处无法定位</source>
        <translation>Notes followed the new version: {0} unchanged, {1} moved, {2} with amended words, {3} not found</translation>
    </message>
    <message>
        <location filename="../../reader/ui/importer.py" line="221"/>
        <source>不支持的格式 {0}</source>
        <translation>unsupported format {0}</translation>
    </message>
    <message>
        <location filename="../../reader/ui/importer.py" line="223"/>
        <source>没有扩展名（单独选中该文件即可按纯文本导入）</source>
        <translation>no file extension (select the file itself to import it as plain text)</translation>
    </message>
    <message>
        <location filename="../../reader/ui/importer.py" line="225"/>
        <source>链接已失效</source>
        <translation>broken link</translation>
    </message>
    <message>
        <location filename="../../reader/ui/importer.py" line="234"/>
        <source>部分文件未能导入</source>
        <translation>Some Files Were Not Imported</translation>
    </message>
    <message>
        <location filename="../../reader/ui/importer.py" line="236"/>
        <source>导入完成</source>
        <translation>Import finished</translation>
    </message>
    <message>
        <location filename="../../reader/ui/importer.py" line="243"/>
        <source>导入出错</source>
        <translation>Import Error</translation>
    </message>
    <message>
        <location filename="../../reader/ui/importer.py" line="243"/>
        <source>导入意外中止。</source>
        <translation>The import stopped unexpectedly.</translation>
    </message>
    <message>
        <location filename="../../reader/ui/importer.py" line="266"/>
        <source>首次启动：正在导入示例文档…</source>
        <translation>First start: importing the sample documents…</translation>
    </message>
    <message>
        <location filename="../../reader/ui/importer.py" line="268"/>
        <source>示例文档</source>
        <translation>Samples</translation>
    </message>
    <message>
        <location filename="../../reader/ui/importer.py" line="277"/>
        <source>已导入 {0} 篇示例文档</source>
        <translation>Imported {0} sample documents</translation>
    </message>
    <message>
        <location filename="../../reader/ui/importer.py" line="283"/>
        <source>示例文档导入失败：{0}</source>
        <translation>The samples could not be imported: {0}</translation>
    </message>
</context>
<context>
    <name>ImportReasons</name>
    <message>
        <location filename="../../reader/ui/import_reasons.py" line="21"/>
        <source>一个 PDF 文档</source>
        <extracomment>Fixed wordings that appear as parts of reasons: kinds of file, codecs, operating-system errors.</extracomment>
        <translation>a PDF document</translation>
    </message>
    <message>
        <location filename="../../reader/ui/import_reasons.py" line="22"/>
        <source>一个 zip 压缩包（如 .docx、.xlsx）</source>
        <translation>a zip archive (e.g. .docx, .xlsx)</translation>
    </message>
    <message>
        <location filename="../../reader/ui/import_reasons.py" line="23"/>
        <source>一个旧版 Office 文档（如 .doc、.xls）</source>
        <translation>an old Office document (e.g. .doc, .xls)</translation>
    </message>
    <message>
        <location filename="../../reader/ui/import_reasons.py" line="24"/>
        <source>一张 PNG 图片</source>
        <translation>a PNG image</translation>
    </message>
    <message>
        <location filename="../../reader/ui/import_reasons.py" line="25"/>
        <source>一张 JPEG 图片</source>
        <translation>a JPEG image</translation>
    </message>
    <message>
        <location filename="../../reader/ui/import_reasons.py" line="26"/>
        <source>一张 GIF 图片</source>
        <translation>a GIF image</translation>
    </message>
    <message>
        <location filename="../../reader/ui/import_reasons.py" line="27"/>
        <source>一个 gzip 压缩包</source>
        <translation>a gzip archive</translation>
    </message>
    <message>
        <location filename="../../reader/ui/import_reasons.py" line="28"/>
        <source>一个 RTF 文档</source>
        <translation>an RTF document</translation>
    </message>
    <message>
        <location filename="../../reader/ui/import_reasons.py" line="29"/>
        <source>一个 Excel 工作簿</source>
        <translation>an Excel workbook</translation>
    </message>
    <message>
        <location filename="../../reader/ui/import_reasons.py" line="30"/>
        <source>一个 PowerPoint 文件</source>
        <translation>a PowerPoint file</translation>
    </message>
    <message>
        <location filename="../../reader/ui/import_reasons.py" line="31"/>
        <source>一个 Word 模板</source>
        <translation>a Word template</translation>
    </message>
    <message>
        <location filename="../../reader/ui/import_reasons.py" line="32"/>
        <source>一个启用宏的 Word 文档</source>
        <translation>a macro-enabled Word document</translation>
    </message>
    <message>
        <location filename="../../reader/ui/import_reasons.py" line="33"/>
        <source>UTF-8 或 GB18030/GBK</source>
        <translation>UTF-8 or GB18030/GBK</translation>
    </message>
    <message>
        <location filename="../../reader/ui/import_reasons.py" line="34"/>
        <source>数据不完整</source>
        <translation>truncated data</translation>
    </message>
    <message>
        <location filename="../../reader/ui/import_reasons.py" line="35"/>
        <source>非法编码</source>
        <translation>illegal encoding</translation>
    </message>
    <message>
        <location filename="../../reader/ui/import_reasons.py" line="36"/>
        <source>非法的 UTF-16 代理项</source>
        <translation>illegal UTF-16 surrogate</translation>
    </message>
    <message>
        <location filename="../../reader/ui/import_reasons.py" line="37"/>
        <source>码位超出 Unicode 范围</source>
        <translation>code point not in range(0x110000)</translation>
    </message>
    <message>
        <location filename="../../reader/ui/import_reasons.py" line="38"/>
        <source>含有 NUL 字符</source>
        <translation>embedded null byte</translation>
    </message>
    <message>
        <location filename="../../reader/ui/import_reasons.py" line="39"/>
        <source>没有文档正文</source>
        <translation>no document body</translation>
    </message>
    <message>
        <location filename="../../reader/ui/import_reasons.py" line="40"/>
        <source>文档是空的</source>
        <translation>Document is empty</translation>
    </message>
    <message>
        <location filename="../../reader/ui/import_reasons.py" line="41"/>
        <source>没有访问权限</source>
        <translation>Permission denied</translation>
    </message>
    <message>
        <location filename="../../reader/ui/import_reasons.py" line="42"/>
        <source>文件或文件夹不存在</source>
        <translation>No such file or directory</translation>
    </message>
    <message>
        <location filename="../../reader/ui/import_reasons.py" line="43"/>
        <source>路径中有一段不是文件夹</source>
        <translation>Not a directory</translation>
    </message>
    <message>
        <location filename="../../reader/ui/import_reasons.py" line="44"/>
        <source>这是一个文件夹</source>
        <translation>Is a directory</translation>
    </message>
    <message>
        <location filename="../../reader/ui/import_reasons.py" line="45"/>
        <source>文件名太长</source>
        <translation>File name too long</translation>
    </message>
    <message>
        <location filename="../../reader/ui/import_reasons.py" line="46"/>
        <source>符号链接层级过多</source>
        <translation>Too many levels of symbolic links</translation>
    </message>
    <message>
        <location filename="../../reader/ui/import_reasons.py" line="47"/>
        <source>读写错误（磁盘或网络故障）</source>
        <translation>Input/output error</translation>
    </message>
    <message>
        <location filename="../../reader/ui/import_reasons.py" line="48"/>
        <source>不允许的操作</source>
        <translation>Operation not permitted</translation>
    </message>
    <message>
        <location filename="../../reader/ui/import_reasons.py" line="56"/>
        <source>找不到文件</source>
        <translation>file not found</translation>
    </message>
    <message>
        <location filename="../../reader/ui/import_reasons.py" line="51"/>
        <source>文件是空的</source>
        <translation>file is empty</translation>
    </message>
    <message>
        <location filename="../../reader/ui/import_reasons.py" line="58"/>
        <source>无法读取文件（{0}）</source>
        <translation>cannot read file ({0})</translation>
    </message>
    <message>
        <location filename="../../reader/ui/import_reasons.py" line="59"/>
        <source>无法读取文件夹（{0}）</source>
        <translation>cannot read folder ({0})</translation>
    </message>
    <message>
        <location filename="../../reader/ui/import_reasons.py" line="60"/>
        <source>文件名无效（{0}）</source>
        <translation>invalid file name ({0})</translation>
    </message>
    <message>
        <location filename="../../reader/ui/import_reasons.py" line="61"/>
        <source>这是文件夹，不是文件</source>
        <translation>is a directory</translation>
    </message>
    <message>
        <location filename="../../reader/ui/import_reasons.py" line="62"/>
        <source>不是普通文件（可能是管道或设备）</source>
        <translation>not a regular file</translation>
    </message>
    <message>
        <location filename="../../reader/ui/import_reasons.py" line="64"/>
        <source>文件太大（{0} MB，最多 {1} MB）</source>
        <translation>file is too large ({0} MB; at most {1} MB)</translation>
    </message>
    <message>
        <location filename="../../reader/ui/import_reasons.py" line="66"/>
        <source>不支持的格式 &apos;{0}&apos;（支持：{1}）</source>
        <translation>unsupported format &apos;{0}&apos; (supported: {1})</translation>
    </message>
    <message>
        <location filename="../../reader/ui/import_reasons.py" line="68"/>
        <source>不支持旧版 .doc 格式；请在 Word 中另存为 .docx</source>
        <translation>old .doc format is not supported; save as .docx</translation>
    </message>
    <message>
        <location filename="../../reader/ui/import_reasons.py" line="69"/>
        <source>文件中没有找到法规文件</source>
        <translation>no document found in the file</translation>
    </message>
    <message>
        <location filename="../../reader/ui/import_reasons.py" line="72"/>
        <source>不是文本文件（看起来是{0}）</source>
        <translation>binary file, not text (looks like {0})</translation>
    </message>
    <message>
        <location filename="../../reader/ui/import_reasons.py" line="74"/>
        <source>不是文本文件（含有 NUL 字节；如果是 UTF-16 文本，请带 BOM 保存）</source>
        <translation>binary file, not text: contains NUL bytes; if it is UTF-16 text, save it with a BOM</translation>
    </message>
    <message>
        <location filename="../../reader/ui/import_reasons.py" line="76"/>
        <source>不是文本文件（含有 {0} 个控制字符）</source>
        <translation>binary file, not text: {0} control characters</translation>
    </message>
    <message>
        <location filename="../../reader/ui/import_reasons.py" line="77"/>
        <source>不是文本文件</source>
        <translation>binary file, not text</translation>
    </message>
    <message>
        <location filename="../../reader/ui/import_reasons.py" line="79"/>
        <source>无法解码文本：不是有效的 {0} 编码（第一个错误字节在第 {1} 字节）；请另存为 UTF-8</source>
        <translation>cannot decode text: not valid {0}, first bad byte at {1}; save it as UTF-8</translation>
    </message>
    <message>
        <location filename="../../reader/ui/import_reasons.py" line="81"/>
        <source>无法解码文本：不是有效的 {0} 编码；请另存为 UTF-8</source>
        <translation>cannot decode text: not valid {0}; save it as UTF-8</translation>
    </message>
    <message>
        <location filename="../../reader/ui/import_reasons.py" line="83"/>
        <source>虽有字节顺序标记（BOM），却不是有效的 {0} 文本（第 {2} 字节：{1}）</source>
        <translation>not valid {0} text despite its byte-order mark ({1} at byte {2})</translation>
    </message>
    <message>
        <location filename="../../reader/ui/import_reasons.py" line="85"/>
        <source>文档中没有文字</source>
        <translation>document contains no text</translation>
    </message>
    <message>
        <location filename="../../reader/ui/import_reasons.py" line="87"/>
        <source>不是有效的 .docx 文件（解压后超过 {0} MB，可能是压缩炸弹）</source>
        <translation>not a valid .docx file (unpacks to over {0} MB: a zip bomb?)</translation>
    </message>
    <message>
        <location filename="../../reader/ui/import_reasons.py" line="89"/>
        <source>不是有效的 .docx 文件（不是 zip 压缩包）</source>
        <translation>not a valid .docx file (not a zip archive)</translation>
    </message>
    <message>
        <location filename="../../reader/ui/import_reasons.py" line="91"/>
        <source>文档设有密码；请在 Word 中取消密码后重新保存</source>
        <translation>the document is password-protected; remove the password in Word and save again</translation>
    </message>
    <message>
        <location filename="../../reader/ui/import_reasons.py" line="93"/>
        <source>不是 Word 文档（压缩包中没有文档正文部件）</source>
        <translation>not a Word document (no document part in the archive)</translation>
    </message>
    <message>
        <location filename="../../reader/ui/import_reasons.py" line="95"/>
        <source>不是 Word 文档（内容类型为 {0}）</source>
        <translation>not a Word document (content type {0})</translation>
    </message>
    <message>
        <location filename="../../reader/ui/import_reasons.py" line="97"/>
        <source>不是 Word 文档，而是{0}；请另存为 .docx 文档</source>
        <translation>not a Word document but {0}; save it as a .docx document</translation>
    </message>
    <message>
        <location filename="../../reader/ui/import_reasons.py" line="98"/>
        <source>损坏的 .docx 文件（{0}）</source>
        <translation>corrupt .docx file ({0})</translation>
    </message>
    <message>
        <location filename="../../reader/ui/import_reasons.py" line="100"/>
        <source>不支持 Strict Open XML 格式的 .docx；请另存为普通 Word 文档（.docx）</source>
        <translation>Strict Open XML .docx is not supported; save as a regular Word document (.docx)</translation>
    </message>
    <message>
        <location filename="../../reader/ui/import_reasons.py" line="102"/>
        <source>文档中缺少一个嵌入的部件（altChunk）</source>
        <translation>an imported part (altChunk) is missing from the document</translation>
    </message>
    <message>
        <location filename="../../reader/ui/import_reasons.py" line="104"/>
        <source>嵌入的部件 {0}（{1}）不是文字，未导入</source>
        <translation>an imported part {0} ({1}) is not text and was left out</translation>
    </message>
    <message>
        <location filename="../../reader/ui/import_reasons.py" line="106"/>
        <source>嵌入的部件 {0} 未导入：{1}</source>
        <translation>an imported part {0} was left out: {1}</translation>
    </message>
    <message>
        <location filename="../../reader/ui/import_reasons.py" line="108"/>
        <source>不是 PDF 文件（没有 %PDF 文件头）</source>
        <translation>not a PDF file (no %PDF header)</translation>
    </message>
    <message>
        <location filename="../../reader/ui/import_reasons.py" line="110"/>
        <source>PDF 文件损坏或不完整（文件被截断，没有文件结束标记）；请重新下载或复制</source>
        <translation>damaged or truncated PDF (the file is cut short: no end-of-file marker); download or copy it again</translation>
    </message>
    <message>
        <location filename="../../reader/ui/import_reasons.py" line="112"/>
        <source>PDF 太大：压缩的内容解压后超过 {0} MB；请拆分或另存一个较小的副本</source>
        <translation>PDF too large: its compressed streams expand to over {0} MB; split it or save a smaller copy</translation>
    </message>
    <message>
        <location filename="../../reader/ui/import_reasons.py" line="114"/>
        <source>PDF 设有密码；请用密码打开后另存一个不加密的副本</source>
        <translation>the PDF is password-protected; open it with the password and save an unprotected copy</translation>
    </message>
    <message>
        <location filename="../../reader/ui/import_reasons.py" line="116"/>
        <source>PDF 使用了不支持的加密方式；请另存一个不加密的副本</source>
        <translation>the PDF uses an unsupported encryption scheme; save an unprotected copy</translation>
    </message>
    <message>
        <location filename="../../reader/ui/import_reasons.py" line="118"/>
        <source>PDF 文件损坏（无法打开，没有可读的页面）；请重新下载或复制</source>
        <translation>damaged PDF (it cannot be opened: no readable pages); download or copy it again</translation>
    </message>
    <message>
        <location filename="../../reader/ui/import_reasons.py" line="120"/>
        <source>PDF 页数太多（{0} 页，最多 {1} 页）</source>
        <translation>PDF has too many pages ({0}; at most {1})</translation>
    </message>
    <message>
        <location filename="../../reader/ui/import_reasons.py" line="122"/>
        <source>扫描版 PDF，没有文字层（{0} 页）；请先做文字识别（OCR）</source>
        <translation>scanned PDF without a text layer ({0} pages); run OCR first</translation>
    </message>
    <message>
        <location filename="../../reader/ui/import_reasons.py" line="124"/>
        <source>PDF 中没有文字（{0} 个空白页）</source>
        <translation>PDF contains no text ({0} empty pages)</translation>
    </message>
    <message>
        <location filename="../../reader/ui/import_reasons.py" line="126"/>
        <source>PDF 中除页眉、页脚和目录外没有文字</source>
        <translation>PDF contains no text besides page headers, footers and contents</translation>
    </message>
    <message>
        <location filename="../../reader/ui/import_reasons.py" line="127"/>
        <source>PDF 文件损坏（第 {0} 页无法读取）</source>
        <translation>damaged PDF (page {0} cannot be read)</translation>
    </message>
    <message>
        <location filename="../../reader/ui/import_reasons.py" line="130"/>
        <source>网页没有正文（只有导航、元数据或图片）</source>
        <translation>the web page has no body text (only navigation, metadata or images)</translation>
    </message>
    <message>
        <location filename="../../reader/ui/import_reasons.py" line="131"/>
        <source>无法读取的网页（{0}）</source>
        <translation>not a readable web page ({0})</translation>
    </message>
    <message>
        <location filename="../../reader/ui/import_reasons.py" line="133"/>
        <source>网页存档中没有网页（没有 text/html 部分）</source>
        <translation>the web archive holds no web page (no text/html part)</translation>
    </message>
    <message>
        <location filename="../../reader/ui/import_reasons.py" line="134"/>
        <source>网页存档中的网页是空的</source>
        <translation>the web archive&apos;s page is empty</translation>
    </message>
    <message>
        <location filename="../../reader/ui/import_reasons.py" line="139"/>
        <source>、</source>
        <extracomment>A list of file suffixes (&quot;.txt, .md, .docx&quot;), listed with the interface&apos;s separator.</extracomment>
        <translation>, </translation>
    </message>
</context>
<context>
    <name>LibraryPanel</name>
    <message>
        <location filename="../../reader/ui/library_panel.py" line="166"/>
        <source>筛选：标题、文号、机关…</source>
        <translation>Filter: title, number, issuer…</translation>
    </message>
    <message>
        <location filename="../../reader/ui/library_panel.py" line="167"/>
        <source>输入文字筛选文档（回车打开第一篇）</source>
        <translation>Type to filter the documents (Enter opens the first)</translation>
    </message>
    <message>
        <location filename="../../reader/ui/library_panel.py" line="168"/>
        <source>导入文件（Ctrl+O），也可把文件拖放到窗口</source>
        <translation>Import files (Ctrl+O); you can also drop files on the window</translation>
    </message>
    <message>
        <location filename="../../reader/ui/library_panel.py" line="169"/>
        <source>从文库移除所选文档（Delete）</source>
        <translation>Remove the selected document from the library (Delete)</translation>
    </message>
    <message>
        <location filename="../../reader/ui/library_panel.py" line="170"/>
        <source>分组</source>
        <translation>Group</translation>
    </message>
    <message>
        <location filename="../../reader/ui/library_panel.py" line="171"/>
        <source>按种类</source>
        <translation>By kind</translation>
    </message>
    <message>
        <location filename="../../reader/ui/library_panel.py" line="171"/>
        <source>按发布机关</source>
        <translation>By issuer</translation>
    </message>
    <message>
        <location filename="../../reader/ui/library_panel.py" line="172"/>
        <source>按年份</source>
        <translation>By year</translation>
    </message>
    <message>
        <location filename="../../reader/ui/library_panel.py" line="172"/>
        <source>不分组</source>
        <translation>No grouping</translation>
    </message>
    <message>
        <location filename="../../reader/ui/library_panel.py" line="179"/>
        <source>文档的分组方式</source>
        <translation>How documents are grouped</translation>
    </message>
    <message>
        <location filename="../../reader/ui/library_panel.py" line="180"/>
        <source>文库为空。
点击“导入”或把文件拖放到窗口。</source>
        <translation>The library is empty.
Click “Import” or drop files on the window.</translation>
    </message>
    <message>
        <location filename="../../reader/ui/library_panel.py" line="222"/>
        <source>{0}个版本</source>
        <translation>{0} versions</translation>
    </message>
    <message>
        <location filename="../../reader/ui/library_panel.py" line="224"/>
        <source>{0} 发布</source>
        <translation>issued {0}</translation>
    </message>
    <message>
        <location filename="../../reader/ui/library_panel.py" line="226"/>
        <source>{0} 施行</source>
        <translation>effective {0}</translation>
    </message>
    <message>
        <location filename="../../reader/ui/library_panel.py" line="232"/>
        <source>标题</source>
        <translation>Title</translation>
    </message>
    <message>
        <location filename="../../reader/ui/library_panel.py" line="232"/>
        <source>种类</source>
        <translation>Kind</translation>
    </message>
    <message>
        <location filename="../../reader/ui/library_panel.py" line="232"/>
        <source>文号</source>
        <translation>Number</translation>
    </message>
    <message>
        <location filename="../../reader/ui/library_panel.py" line="233"/>
        <source>发布机关</source>
        <translation>Issuer</translation>
    </message>
    <message>
        <location filename="../../reader/ui/library_panel.py" line="234"/>
        <source>发布日期</source>
        <translation>Issued</translation>
    </message>
    <message>
        <location filename="../../reader/ui/library_panel.py" line="235"/>
        <source>施行日期</source>
        <translation>Effective</translation>
    </message>
    <message>
        <location filename="../../reader/ui/library_panel.py" line="236"/>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../reader/ui/library_panel.py" line="236"/>
        <source>来源文件</source>
        <translation>Source file</translation>
    </message>
    <message>
        <location filename="../../reader/ui/library_panel.py" line="241"/>
        <source>（现行）</source>
        <translation> (current)</translation>
    </message>
    <message>
        <location filename="../../reader/ui/library_panel.py" line="243"/>
        <source>{0}个版本：</source>
        <translation>{0} versions:</translation>
    </message>
    <message>
        <location filename="../../reader/ui/library_panel.py" line="260"/>
        <source>（未注明）</source>
        <translation>(not stated)</translation>
    </message>
    <message>
        <location filename="../../reader/ui/library_panel.py" line="286"/>
        <source>{0} 篇</source>
        <translation>{0} document(s)</translation>
    </message>
    <message>
        <location filename="../../reader/ui/library_panel.py" line="287"/>
        <source>{0}/{1} 篇</source>
        <translation>{0} of {1} documents</translation>
    </message>
    <message>
        <location filename="../../reader/ui/library_panel.py" line="338"/>
        <source>打开</source>
        <translation>Open</translation>
    </message>
    <message>
        <location filename="../../reader/ui/library_panel.py" line="339"/>
        <source>版本…</source>
        <translation>Versions…</translation>
    </message>
    <message>
        <location filename="../../reader/ui/library_panel.py" line="340"/>
        <source>从文库移除…</source>
        <translation>Remove from Library…</translation>
    </message>
    <message>
        <location filename="../../reader/ui/library_panel.py" line="342"/>
        <source>导入文件…</source>
        <translation>Import Files…</translation>
    </message>
    <message>
        <location filename="../../reader/ui/library_panel.py" line="343"/>
        <source>展开全部分组</source>
        <translation>Expand All Groups</translation>
    </message>
    <message>
        <location filename="../../reader/ui/library_panel.py" line="344"/>
        <source>折叠全部分组</source>
        <translation>Collapse All Groups</translation>
    </message>
</context>
<context>
    <name>LinkDialog</name>
    <message>
        <location filename="../../reader/ui/annotation_dialogs.py" line="189"/>
        <source>链接到…</source>
        <translation>Link To…</translation>
    </message>
    <message>
        <location filename="../../reader/ui/annotation_dialogs.py" line="211"/>
        <source>搜索要链接的条文，如：测绘成果 或 第十八条</source>
        <translation>Search for the clause to link to, e.g. 测绘成果 or 第十八条</translation>
    </message>
    <message>
        <location filename="../../reader/ui/annotation_dialogs.py" line="223"/>
        <source>搜索</source>
        <translation>Search</translation>
    </message>
    <message>
        <location filename="../../reader/ui/annotation_dialogs.py" line="236"/>
        <source>目录</source>
        <translation>Contents</translation>
    </message>
    <message>
        <location filename="../../reader/ui/annotation_dialogs.py" line="240"/>
        <source>链接说明（可选）</source>
        <translation>Note on the link (optional)</translation>
    </message>
    <message>
        <location filename="../../reader/ui/annotation_dialogs.py" line="245"/>
        <source>从</source>
        <translation>From</translation>
    </message>
    <message>
        <location filename="../../reader/ui/annotation_dialogs.py" line="246"/>
        <source>关系</source>
        <translation>Relation</translation>
    </message>
    <message>
        <location filename="../../reader/ui/annotation_dialogs.py" line="304"/>
        <source>没有找到</source>
        <translation>Nothing found</translation>
    </message>
    <message>
        <location filename="../../reader/ui/annotation_dialogs.py" line="355"/>
        <source>到：《{0}》{1}</source>
        <translation>To: 《{0}》{1}</translation>
    </message>
    <message>
        <location filename="../../reader/ui/annotation_dialogs.py" line="371"/>
        <source>请选择或填写链接关系</source>
        <translation>Choose or type the link&apos;s relation</translation>
    </message>
</context>
<context>
    <name>LinksPanel</name>
    <message>
        <location filename="../../reader/ui/links_panel.py" line="54"/>
        <source>显示整篇文档的链接</source>
        <extracomment>Go to a link&apos;s other end: (link, side to show — &quot;dst&quot; or &quot;src&quot;).</extracomment>
        <translation>Show the whole document&apos;s links</translation>
    </message>
    <message>
        <location filename="../../reader/ui/links_panel.py" line="64"/>
        <source>{0} 的链接</source>
        <translation>Links of {0}</translation>
    </message>
    <message>
        <location filename="../../reader/ui/links_panel.py" line="64"/>
        <source>没有打开的文档</source>
        <translation>No document is open</translation>
    </message>
    <message>
        <location filename="../../reader/ui/links_panel.py" line="66"/>
        <source>引出 → ({0})</source>
        <translation>Outgoing → ({0})</translation>
    </message>
    <message>
        <location filename="../../reader/ui/links_panel.py" line="66"/>
        <source>引入 ← ({0})</source>
        <translation>Incoming ← ({0})</translation>
    </message>
    <message>
        <location filename="../../reader/ui/links_panel.py" line="90"/>
        <source>另一端的文档已移除或找不到原文</source>
        <translation>The other end&apos;s document was removed, or its words were not found</translation>
    </message>
    <message>
        <location filename="../../reader/ui/links_panel.py" line="109"/>
        <source>转到另一端</source>
        <translation>Go to the Other End</translation>
    </message>
    <message>
        <location filename="../../reader/ui/links_panel.py" line="110"/>
        <source>编辑链接…</source>
        <translation>Edit Link…</translation>
    </message>
    <message>
        <location filename="../../reader/ui/links_panel.py" line="112"/>
        <source>删除链接</source>
        <translation>Delete Link</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../reader/ui/main_window.py" line="224"/>
        <source>法规阅读器</source>
        <translation>RegReader</translation>
    </message>
    <message>
        <location filename="../../reader/ui/main_window.py" line="260"/>
        <source>无法打开文档：{0}</source>
        <translation>Cannot open the document: {0}</translation>
    </message>
    <message>
        <location filename="../../reader/ui/main_window.py" line="303"/>
        <source>从文库移除</source>
        <translation>Remove from Library</translation>
    </message>
    <message>
        <location filename="../../reader/ui/main_window.py" line="304"/>
        <source>从文库移除《{0}》？
原文件不受影响，可以再次导入。</source>
        <translation>Remove “{0}” from the library?
The original file is not touched and can be imported again.</translation>
    </message>
    <message>
        <location filename="../../reader/ui/main_window.py" line="330"/>
        <source>已移除《{0}》</source>
        <translation>Removed “{0}”</translation>
    </message>
    <message>
        <location filename="../../reader/ui/main_window.py" line="375"/>
        <source>字号 {0:g}</source>
        <translation>Text {0:g} pt</translation>
    </message>
    <message>
        <location filename="../../reader/ui/main_window.py" line="422"/>
        <location filename="../../reader/ui/main_window.py" line="452"/>
        <source>本文档中没有“{0}”</source>
        <translation>Not found in this document: “{0}”</translation>
    </message>
    <message>
        <location filename="../../reader/ui/main_window.py" line="425"/>
        <source>已转到 {0}</source>
        <translation>Went to {0}</translation>
    </message>
    <message>
        <location filename="../../reader/ui/main_window.py" line="432"/>
        <source>转到条文</source>
        <translation>Go to Article</translation>
    </message>
    <message>
        <location filename="../../reader/ui/main_window.py" line="433"/>
        <source>条文编号（如 43、第43条、第四十三条、第十七条第二款、第三章）：</source>
        <translation>Article (e.g. 43, 第43条, 第四十三条, 第十七条第二款, 第三章):</translation>
    </message>
    <message>
        <source>第 {0} 处，共 {1} 处</source>
        <translation type="vanished">Match {0} of {1}</translation>
    </message>
    <message>
        <location filename="../../reader/ui/main_window.py" line="481"/>
        <source>没有打开的文档</source>
        <translation>No document is open</translation>
    </message>
    <message>
        <location filename="../../reader/ui/main_window.py" line="661"/>
        <source>搜索索引不可用：{0}</source>
        <translation>Search index unavailable: {0}</translation>
    </message>
    <message>
        <location filename="../../reader/ui/main_window.py" line="735"/>
        <source>快捷键</source>
        <translation>Keyboard Shortcuts</translation>
    </message>
    <message>
        <location filename="../../reader/ui/main_window.py" line="203"/>
        <source>文库</source>
        <extracomment>A document finished opening (doc_id) — tests and benchmarks wait for it.</extracomment>
        <translation>Library</translation>
    </message>
    <message>
        <location filename="../../reader/ui/main_window.py" line="204"/>
        <source>目录</source>
        <translation>Contents</translation>
    </message>
    <message>
        <location filename="../../reader/ui/main_window.py" line="205"/>
        <source>搜索</source>
        <translation>Search</translation>
    </message>
    <message>
        <location filename="../../reader/ui/main_window.py" line="743"/>
        <source>关于法规阅读器</source>
        <translation>About RegReader</translation>
    </message>
    <message>
        <location filename="../../reader/ui/main_window.py" line="208"/>
        <source>发布</source>
        <translation>Issued</translation>
    </message>
    <message>
        <location filename="../../reader/ui/main_window.py" line="206"/>
        <source>批注</source>
        <translation>Annotations</translation>
    </message>
    <message>
        <location filename="../../reader/ui/main_window.py" line="207"/>
        <source>链接</source>
        <translation>Links</translation>
    </message>
    <message>
        <location filename="../../reader/ui/main_window.py" line="208"/>
        <source>施行</source>
        <translation>Effective</translation>
    </message>
    <message>
        <location filename="../../reader/ui/main_window.py" line="208"/>
        <source>失效</source>
        <translation>Expires</translation>
    </message>
    <message>
        <location filename="../../reader/ui/main_window.py" line="229"/>
        <source>从左侧文库选择一篇文档开始阅读，或把文件拖放到窗口中导入。</source>
        <translation>Choose a document in the library on the left, or drop files on the window to import them.</translation>
    </message>
    <message>
        <location filename="../../reader/ui/main_window.py" line="230"/>
        <source>Ctrl+O 导入 · Ctrl+F 文内查找 · Ctrl+Shift+F 全库搜索 · Ctrl+G 转到条文</source>
        <translation>Ctrl+O import · Ctrl+F find · Ctrl+Shift+F search library · Ctrl+G go to article</translation>
    </message>
    <message>
        <location filename="../../reader/ui/main_window.py" line="231"/>
        <source>Alt+← / Alt+→ 后退 / 前进 · Ctrl+= / Ctrl+- 字号 · F1 全部快捷键</source>
        <translation>Alt+Left / Alt+Right back / forward · Ctrl+= / Ctrl+- text size · F1 all shortcuts</translation>
    </message>
    <message>
        <location filename="../../reader/ui/main_window.py" line="466"/>
        <source>本文中第 {0} 处，共出现 {1} 处</source>
        <translation>Occurrence {0} of {1} in this document</translation>
    </message>
    <message>
        <location filename="../../reader/ui/main_window.py" line="744"/>
        <source>法规阅读器 RegReader
离线阅读、检索与引用法规和政府文件。
文库位置：{0}</source>
        <translation>RegReader 法规阅读器
Read, search and cite regulations and government documents offline.
Library: {0}</translation>
    </message>
</context>
<context>
    <name>MembersDialog</name>
    <message>
        <location filename="../../reader/ui/team_dialogs.py" line="196"/>
        <source>团队成员</source>
        <translation>Team members</translation>
    </message>
    <message>
        <location filename="../../reader/ui/team_dialogs.py" line="202"/>
        <source>登录名</source>
        <translation>Login</translation>
    </message>
    <message>
        <location filename="../../reader/ui/team_dialogs.py" line="202"/>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../reader/ui/team_dialogs.py" line="202"/>
        <source>角色</source>
        <translation>Role</translation>
    </message>
    <message>
        <location filename="../../reader/ui/team_dialogs.py" line="206"/>
        <source>PostgreSQL 登录名</source>
        <translation>PostgreSQL login role</translation>
    </message>
    <message>
        <location filename="../../reader/ui/team_dialogs.py" line="211"/>
        <source>授予角色</source>
        <translation>Grant role</translation>
    </message>
    <message>
        <location filename="../../reader/ui/team_dialogs.py" line="219"/>
        <source>读者只能阅读；审阅人可批注、回复、改状态，只能修改自己的批注；编辑可修改所有批注；所有者管理成员。</source>
        <translation>Readers only read; reviewers annotate, reply and change status, and edit only their own notes; editors may edit any note; owners manage members.</translation>
    </message>
    <message>
        <location filename="../../reader/ui/team_dialogs.py" line="228"/>
        <source>读者</source>
        <translation>Reader</translation>
    </message>
    <message>
        <location filename="../../reader/ui/team_dialogs.py" line="228"/>
        <source>审阅人</source>
        <translation>Reviewer</translation>
    </message>
    <message>
        <location filename="../../reader/ui/team_dialogs.py" line="228"/>
        <source>编辑</source>
        <translation>Editor</translation>
    </message>
    <message>
        <location filename="../../reader/ui/team_dialogs.py" line="229"/>
        <source>所有者</source>
        <translation>Owner</translation>
    </message>
    <message>
        <location filename="../../reader/ui/team_dialogs.py" line="232"/>
        <source>正在读取成员…</source>
        <translation>Reading the members…</translation>
    </message>
    <message>
        <location filename="../../reader/ui/team_dialogs.py" line="242"/>
        <source>共 {0} 名成员</source>
        <translation>{0} member(s)</translation>
    </message>
    <message>
        <location filename="../../reader/ui/team_dialogs.py" line="248"/>
        <source>失败：{0}</source>
        <translation>Failed: {0}</translation>
    </message>
    <message>
        <location filename="../../reader/ui/team_dialogs.py" line="262"/>
        <source>请输入登录名</source>
        <translation>Enter a login role</translation>
    </message>
    <message>
        <location filename="../../reader/ui/team_dialogs.py" line="265"/>
        <source>正在授予…</source>
        <translation>Granting…</translation>
    </message>
</context>
<context>
    <name>NoteDialog</name>
    <message>
        <location filename="../../reader/ui/annotation_dialogs.py" line="89"/>
        <source>（整条批注）</source>
        <translation>(note on the whole clause)</translation>
    </message>
    <message>
        <location filename="../../reader/ui/annotation_dialogs.py" line="90"/>
        <source>（无分类）</source>
        <translation>(no category)</translation>
    </message>
    <message>
        <location filename="../../reader/ui/annotation_dialogs.py" line="93"/>
        <source>用空格或逗号分隔，如：待办 复核</source>
        <translation>Separated by spaces or commas, e.g. todo review</translation>
    </message>
    <message>
        <location filename="../../reader/ui/annotation_dialogs.py" line="101"/>
        <source>这一条对你的案件意味着什么…</source>
        <translation>What this clause means for your case…</translation>
    </message>
    <message>
        <location filename="../../reader/ui/annotation_dialogs.py" line="104"/>
        <source>已解决</source>
        <translation>Resolved</translation>
    </message>
    <message>
        <location filename="../../reader/ui/annotation_dialogs.py" line="109"/>
        <source>分类</source>
        <translation>Category</translation>
    </message>
    <message>
        <location filename="../../reader/ui/annotation_dialogs.py" line="110"/>
        <source>标签</source>
        <translation>Tags</translation>
    </message>
    <message>
        <location filename="../../reader/ui/annotation_dialogs.py" line="115"/>
        <source>批注</source>
        <translation>Annotations</translation>
    </message>
</context>
<context>
    <name>ReadingView</name>
    <message>
        <location filename="../../reader/ui/reading_view.py" line="665"/>
        <source>{0} →</source>
        <extracomment>Widest text column, in CJK characters (a comfortable measure for Chinese). Documents longer than this (characters) are typeset a piece at a time: the first FIRST_CHARS shown at once, then STEP_CHARS per turn of the event loop (each piece also lays out the one before it), so opening one never holds the window up. The tree unit at the top of the view changed (user scrolling or a jump). (current index, count) of the highlighted occurrences. The user asked to show a node in the tree (context menu). A click on an annotation (its id): the window selects it in the annotations panel. A click on a link marker in the margin: (link, &quot;out&quot; | &quot;in&quot;). A (new) QTextDocument was typeset to its end: layers that format its text apply themselves again. ``hook(menu, position, point)`` adds the window&apos;s annotation commands to the context menu (document position and viewport point of the click) ``ref_tooltip(point)``: the tooltip of a cross-reference link there (&apos;&apos; if none) ``decorate(rendered, start, end)`` formats each newly typeset piece [start, end) of the document in the piece&apos;s edit block (one relayout): reference links</extracomment>
        <translation>{0} →</translation>
    </message>
    <message>
        <location filename="../../reader/ui/reading_view.py" line="665"/>
        <source>← {0}</source>
        <translation>← {0}</translation>
    </message>
    <message>
        <location filename="../../reader/ui/reading_view.py" line="667"/>
        <source>（单击查看链接）</source>
        <translation>(click to follow the link)</translation>
    </message>
    <message>
        <location filename="../../reader/ui/reading_view.py" line="675"/>
        <source>（高亮，无批注）</source>
        <translation>(highlight, no note)</translation>
    </message>
    <message>
        <location filename="../../reader/ui/reading_view.py" line="679"/>
        <source>已解决</source>
        <translation>Resolved</translation>
    </message>
    <message>
        <location filename="../../reader/ui/reading_view.py" line="755"/>
        <source>已复制 {0}（附引注）</source>
        <translation>Copied {0} with citation</translation>
    </message>
    <message>
        <location filename="../../reader/ui/reading_view.py" line="763"/>
        <source>复制（附引注）</source>
        <translation>Copy with Citation</translation>
    </message>
    <message>
        <location filename="../../reader/ui/reading_view.py" line="766"/>
        <source>仅复制文字</source>
        <translation>Copy Text Only</translation>
    </message>
    <message>
        <location filename="../../reader/ui/reading_view.py" line="772"/>
        <source>复制{0}全文（附引注）</source>
        <translation>Copy {0} with Citation</translation>
    </message>
    <message>
        <location filename="../../reader/ui/reading_view.py" line="774"/>
        <source>在目录中显示</source>
        <translation>Show in Contents</translation>
    </message>
    <message>
        <location filename="../../reader/ui/reading_view.py" line="779"/>
        <source>全选</source>
        <translation>Select All</translation>
    </message>
</context>
<context>
    <name>RefNotes</name>
    <message>
        <location filename="../../reader/ui/ref_notes.py" line="18"/>
        <source>条</source>
        <extracomment>The core&apos;s unit names → the interface&apos;s (source strings are the Chinese unit characters).</extracomment>
        <translation>article</translation>
    </message>
    <message>
        <location filename="../../reader/ui/ref_notes.py" line="18"/>
        <source>款</source>
        <translation>paragraph</translation>
    </message>
    <message>
        <location filename="../../reader/ui/ref_notes.py" line="19"/>
        <source>项</source>
        <translation>item</translation>
    </message>
    <message>
        <location filename="../../reader/ui/ref_notes.py" line="19"/>
        <source>目</source>
        <translation>sub-item</translation>
    </message>
    <message>
        <location filename="../../reader/ui/ref_notes.py" line="20"/>
        <source>章</source>
        <translation>chapter</translation>
    </message>
    <message>
        <location filename="../../reader/ui/ref_notes.py" line="20"/>
        <source>节</source>
        <translation>section</translation>
    </message>
    <message>
        <location filename="../../reader/ui/ref_notes.py" line="21"/>
        <source>编</source>
        <translation>part</translation>
    </message>
    <message>
        <location filename="../../reader/ui/ref_notes.py" line="21"/>
        <source>分编</source>
        <translation>sub-part</translation>
    </message>
    <message>
        <location filename="../../reader/ui/ref_notes.py" line="22"/>
        <source>附件</source>
        <translation>attachment</translation>
    </message>
    <message>
        <location filename="../../reader/ui/ref_notes.py" line="31"/>
        <source>库中没有所引文件</source>
        <extracomment>One step of a pinpoint label as the core writes it (``Pin.label``): 第十条之一, 第（三）项, 附件2.</extracomment>
        <translation>The cited document is not in the library</translation>
    </message>
    <message>
        <location filename="../../reader/ui/ref_notes.py" line="32"/>
        <source>标题近似匹配（相似度 {0}）</source>
        <translation>Approximate title match (similarity {0})</translation>
    </message>
    <message>
        <location filename="../../reader/ui/ref_notes.py" line="33"/>
        <source>所引文件中没有{0}</source>
        <translation>The cited document has no {0}</translation>
    </message>
    <message>
        <location filename="../../reader/ui/ref_notes.py" line="34"/>
        <source>所引文件的条文结构未知</source>
        <translation>The cited document&apos;s structure is unknown</translation>
    </message>
    <message>
        <location filename="../../reader/ui/ref_notes.py" line="35"/>
        <source>库中只有较晚的版本（{0}）</source>
        <translation>Only a later version ({0}) is in the library</translation>
    </message>
    <message>
        <location filename="../../reader/ui/ref_notes.py" line="36"/>
        <source>该版本{1}中有“{0}”</source>
        <translation>Its {1} contains “{0}”</translation>
    </message>
    <message>
        <location filename="../../reader/ui/ref_notes.py" line="37"/>
        <source>该版本的{0}可能不是所引的那一条</source>
        <translation>Its {0} may not be the one cited</translation>
    </message>
    <message>
        <location filename="../../reader/ui/ref_notes.py" line="39"/>
        <source>本文件其他引文的措辞印证了该版本的条文编号</source>
        <translation>Other citations in this document confirm its numbering</translation>
    </message>
    <message>
        <location filename="../../reader/ui/ref_notes.py" line="40"/>
        <source>未指明具体条款</source>
        <translation>No article or paragraph is named</translation>
    </message>
    <message>
        <location filename="../../reader/ui/ref_notes.py" line="41"/>
        <source>此前没有{0}</source>
        <translation>There is no earlier {0}</translation>
    </message>
    <message>
        <location filename="../../reader/ui/ref_notes.py" line="42"/>
        <source>未说明是哪个附件</source>
        <translation>Which attachment is not said</translation>
    </message>
    <message>
        <location filename="../../reader/ui/ref_notes.py" line="43"/>
        <source>本文件没有附件</source>
        <translation>This document has no attachment</translation>
    </message>
    <message>
        <location filename="../../reader/ui/ref_notes.py" line="49"/>
        <source>；</source>
        <translation>; </translation>
    </message>
</context>
<context>
    <name>RefsPanel</name>
    <message>
        <location filename="../../reader/ui/refs_panel.py" line="86"/>
        <source>引用 {0} 的条文与文件</source>
        <translation>What cites {0}</translation>
    </message>
    <message>
        <location filename="../../reader/ui/refs_panel.py" line="87"/>
        <source>没有打开的文档</source>
        <translation>No document is open</translation>
    </message>
    <message>
        <location filename="../../reader/ui/refs_panel.py" line="90"/>
        <source>被引用（{0}）</source>
        <translation>Cited by ({0})</translation>
    </message>
    <message>
        <location filename="../../reader/ui/refs_panel.py" line="92"/>
        <source>本条的引用 · 自动识别（{0}）</source>
        <translation>References here · detected ({0})</translation>
    </message>
    <message>
        <location filename="../../reader/ui/refs_panel.py" line="94"/>
        <source>本条的链接 · 我的链接（{0}）</source>
        <translation>Links here · my links ({0})</translation>
    </message>
    <message>
        <location filename="../../reader/ui/refs_panel.py" line="96"/>
        <source>相关文件（{0}）</source>
        <translation>Related documents ({0})</translation>
    </message>
    <message>
        <location filename="../../reader/ui/refs_panel.py" line="120"/>
        <source>被引用</source>
        <translation>Cited by</translation>
    </message>
    <message>
        <location filename="../../reader/ui/refs_panel.py" line="121"/>
        <source>未能解析的引用：{0}</source>
        <translation>Unresolved reference: {0}</translation>
    </message>
    <message>
        <location filename="../../reader/ui/refs_panel.py" line="122"/>
        <source>（近似匹配）</source>
        <translation>(inexact title match)</translation>
    </message>
    <message>
        <location filename="../../reader/ui/refs_panel.py" line="123"/>
        <source>（近似）</source>
        <translation>(inexact)</translation>
    </message>
    <message>
        <location filename="../../reader/ui/refs_panel.py" line="124"/>
        <source>未解析</source>
        <translation>unresolved</translation>
    </message>
    <message>
        <location filename="../../reader/ui/refs_panel.py" line="125"/>
        <source>引用本文件</source>
        <translation>Cites this document</translation>
    </message>
    <message>
        <location filename="../../reader/ui/refs_panel.py" line="126"/>
        <source>废止本文件</source>
        <translation>Repeals this document</translation>
    </message>
    <message>
        <location filename="../../reader/ui/refs_panel.py" line="127"/>
        <source>印发本文件</source>
        <translation>Issues this document</translation>
    </message>
    <message>
        <location filename="../../reader/ui/refs_panel.py" line="128"/>
        <source>本文件引用</source>
        <translation>Cited by this document</translation>
    </message>
    <message>
        <location filename="../../reader/ui/refs_panel.py" line="129"/>
        <source>本文件废止</source>
        <translation>Repealed by this document</translation>
    </message>
    <message>
        <location filename="../../reader/ui/refs_panel.py" line="130"/>
        <source>本文件印发</source>
        <translation>Issued by this document</translation>
    </message>
    <message>
        <location filename="../../reader/ui/refs_panel.py" line="131"/>
        <source>现行版本中已修改</source>
        <translation>amended in the current version</translation>
    </message>
    <message>
        <location filename="../../reader/ui/refs_panel.py" line="132"/>
        <source>现行版本中已移至{0}</source>
        <translation>now {0} in the current version</translation>
    </message>
    <message>
        <location filename="../../reader/ui/refs_panel.py" line="133"/>
        <source>现行版本中已删除</source>
        <translation>deleted in the current version</translation>
    </message>
</context>
<context>
    <name>RelationDialog</name>
    <message>
        <location filename="../../reader/ui/annotation_dialogs.py" line="490"/>
        <source>编辑链接</source>
        <translation>Edit Link</translation>
    </message>
    <message>
        <location filename="../../reader/ui/annotation_dialogs.py" line="503"/>
        <source>关系</source>
        <translation>Relation</translation>
    </message>
</context>
<context>
    <name>ReplyDialog</name>
    <message>
        <location filename="../../reader/ui/annotation_dialogs.py" line="144"/>
        <source>回复批注</source>
        <translation>Reply to Note</translation>
    </message>
    <message>
        <location filename="../../reader/ui/annotation_dialogs.py" line="151"/>
        <source>（整条批注）</source>
        <translation>(note on the whole clause)</translation>
    </message>
    <message>
        <location filename="../../reader/ui/annotation_dialogs.py" line="154"/>
        <source>您的答复…</source>
        <translation>Your reply…</translation>
    </message>
</context>
<context>
    <name>SearchPanel</name>
    <message>
        <location filename="../../reader/ui/search_panel.py" line="143"/>
        <source>全文搜索…（回车）</source>
        <translation>Search the text… (Enter)</translation>
    </message>
    <message>
        <location filename="../../reader/ui/search_panel.py" line="144"/>
        <source>查找包含这段文字的条文；多个词用空格分开</source>
        <translation>Find the articles containing this text; separate several words with spaces</translation>
    </message>
    <message>
        <location filename="../../reader/ui/search_panel.py" line="145"/>
        <source>搜索</source>
        <translation>Search</translation>
    </message>
    <message>
        <location filename="../../reader/ui/search_panel.py" line="146"/>
        <source>上一处（Shift+F3）</source>
        <translation>Previous (Shift+F3)</translation>
    </message>
    <message>
        <location filename="../../reader/ui/search_panel.py" line="147"/>
        <source>下一处（F3）</source>
        <translation>Next (F3)</translation>
    </message>
    <message>
        <location filename="../../reader/ui/search_panel.py" line="148"/>
        <source>范围</source>
        <translation>Scope</translation>
    </message>
    <message>
        <location filename="../../reader/ui/search_panel.py" line="150"/>
        <source>全部文库</source>
        <translation>Whole library</translation>
    </message>
    <message>
        <location filename="../../reader/ui/search_panel.py" line="150"/>
        <source>当前文档</source>
        <translation>This document</translation>
    </message>
    <message>
        <location filename="../../reader/ui/search_panel.py" line="150"/>
        <source>仅标题</source>
        <translation>Titles only</translation>
    </message>
    <message>
        <location filename="../../reader/ui/search_panel.py" line="151"/>
        <source>批注与标签</source>
        <translation>Notes and tags</translation>
    </message>
    <message>
        <location filename="../../reader/ui/search_panel.py" line="158"/>
        <source>在哪里搜索</source>
        <translation>Where to search</translation>
    </message>
    <message>
        <location filename="../../reader/ui/search_panel.py" line="159"/>
        <source>包括历史版本</source>
        <translation>Include older versions</translation>
    </message>
    <message>
        <location filename="../../reader/ui/search_panel.py" line="160"/>
        <source>也搜索文档的较早版本（默认只搜索现行版本）</source>
        <translation>Search the older versions of documents too (by default only current versions are searched)</translation>
    </message>
    <message>
        <location filename="../../reader/ui/search_panel.py" line="164"/>
        <location filename="../../reader/ui/search_panel.py" line="215"/>
        <source>输入要查找的文字。</source>
        <translation>Type the text to find.</translation>
    </message>
    <message>
        <location filename="../../reader/ui/search_panel.py" line="209"/>
        <source>正在搜索…</source>
        <translation>Searching…</translation>
    </message>
    <message>
        <location filename="../../reader/ui/search_panel.py" line="219"/>
        <source>正在建立搜索索引（{0}/{1}）…</source>
        <translation>Building the search index ({0}/{1})…</translation>
    </message>
    <message>
        <location filename="../../reader/ui/search_panel.py" line="222"/>
        <source>搜索失败：{0}</source>
        <translation>Search failed: {0}</translation>
    </message>
    <message>
        <location filename="../../reader/ui/search_panel.py" line="232"/>
        <source>{0}（历史版本 {1}）</source>
        <translation>{0} (older version {1})</translation>
    </message>
    <message>
        <location filename="../../reader/ui/search_panel.py" line="248"/>
        <source>没有找到“{0}”。</source>
        <translation>Nothing found for “{0}”.</translation>
    </message>
    <message>
        <location filename="../../reader/ui/search_panel.py" line="252"/>
        <source>{0} 篇文档中有 {1} 条（段）命中</source>
        <translation>{1} articles or paragraphs match in {0} document(s)</translation>
    </message>
    <message>
        <location filename="../../reader/ui/search_panel.py" line="254"/>
        <source>（列出前 {0} 条）</source>
        <translation> (first {0} listed)</translation>
    </message>
    <message>
        <source>{0} 篇文档中共 {1} 处</source>
        <translation type="vanished">{1} matches in {0} document(s)</translation>
    </message>
    <message>
        <source>（显示前 {0} 处）</source>
        <translation type="vanished"> (first {0} shown)</translation>
    </message>
</context>
<context>
    <name>TeamController</name>
    <message>
        <location filename="../../reader/ui/team_ui.py" line="86"/>
        <source>团队(&amp;T)</source>
        <extracomment>Work that holds the library: a sync waits until it is done. A sync ended (the SyncReport); tests and the screenshots wait for it. A sync failed (its reason in words). ``ask_connect() -&gt; bool`` opens the connect dialog; ``confirm(text) -&gt; bool`` asks before disconnecting. Tests replace them.</extracomment>
        <translation>&amp;Team</translation>
    </message>
    <message>
        <location filename="../../reader/ui/team_ui.py" line="88"/>
        <source>连接团队服务器…</source>
        <translation>Connect to team server…</translation>
    </message>
    <message>
        <location filename="../../reader/ui/team_ui.py" line="88"/>
        <source>与团队的 PostgreSQL 服务器同步批注</source>
        <translation>Sync annotations with the team&apos;s PostgreSQL server</translation>
    </message>
    <message>
        <location filename="../../reader/ui/team_ui.py" line="89"/>
        <source>立即同步</source>
        <translation>Sync now</translation>
    </message>
    <message>
        <location filename="../../reader/ui/team_ui.py" line="89"/>
        <source>上传本地修改，下载同事的修改</source>
        <translation>Send local changes, fetch colleagues&apos; changes</translation>
    </message>
    <message>
        <location filename="../../reader/ui/team_ui.py" line="90"/>
        <source>团队成员…</source>
        <translation>Team members…</translation>
    </message>
    <message>
        <location filename="../../reader/ui/team_ui.py" line="90"/>
        <source>团队成员及其角色</source>
        <translation>The team members and their roles</translation>
    </message>
    <message>
        <location filename="../../reader/ui/team_ui.py" line="91"/>
        <location filename="../../reader/ui/team_ui.py" line="402"/>
        <source>断开连接</source>
        <translation>Disconnect</translation>
    </message>
    <message>
        <location filename="../../reader/ui/team_ui.py" line="91"/>
        <source>不再与团队服务器同步（本地批注保留）</source>
        <translation>Stop syncing with the team server (local annotations are kept)</translation>
    </message>
    <message>
        <location filename="../../reader/ui/team_ui.py" line="94"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../reader/ui/team_ui.py" line="95"/>
        <source>停止同步（已完成的部分保留，下次继续）</source>
        <translation>Stop the sync (what is done is kept; the next sync continues)</translation>
    </message>
    <message>
        <location filename="../../reader/ui/team_ui.py" line="146"/>
        <source>无法连接团队服务器：请检查网络和服务器地址</source>
        <translation>Cannot reach the team server: check the network and the server address</translation>
    </message>
    <message>
        <location filename="../../reader/ui/team_ui.py" line="147"/>
        <source>服务器拒绝登录：请在 ~/.pgpass 或服务文件中设置正确的密码</source>
        <translation>The server refused the login: set the right password in ~/.pgpass or a service file</translation>
    </message>
    <message>
        <location filename="../../reader/ui/team_ui.py" line="148"/>
        <source>地址中含有密码：请把密码写入 ~/.pgpass，地址中不要写密码</source>
        <translation>The address contains a password: put it in ~/.pgpass, not in the address</translation>
    </message>
    <message>
        <location filename="../../reader/ui/team_ui.py" line="149"/>
        <source>服务器地址无效：应为 postgresql://… 或 service=名称</source>
        <translation>Invalid server address: use postgresql://… or service=NAME</translation>
    </message>
    <message>
        <location filename="../../reader/ui/team_ui.py" line="150"/>
        <source>您还不是该团队的成员：请团队所有者为您授予角色</source>
        <translation>You are not a member of this team yet: ask a team owner to grant you a role</translation>
    </message>
    <message>
        <location filename="../../reader/ui/team_ui.py" line="151"/>
        <source>该数据库不是法规阅读器团队服务器：请所有者先运行 team init</source>
        <translation>This database is not a RegReader team server: the owner runs team init first</translation>
    </message>
    <message>
        <location filename="../../reader/ui/team_ui.py" line="152"/>
        <source>团队服务器由更新版本的法规阅读器建立：请升级本程序</source>
        <translation>The team server was set up by a newer RegReader: please upgrade</translation>
    </message>
    <message>
        <location filename="../../reader/ui/team_ui.py" line="153"/>
        <source>团队服务器版本较旧：请所有者运行 team init 升级</source>
        <translation>The team server is older than this RegReader: the owner runs team init to upgrade it</translation>
    </message>
    <message>
        <location filename="../../reader/ui/team_ui.py" line="154"/>
        <source>团队服务器的结构无法识别：未做任何修改</source>
        <translation>The team server's schema is not recognised: nothing was changed</translation>
    </message>
    <message>
        <location filename="../../reader/ui/team_ui.py" line="155"/>
        <source>与服务器的连接中断：未留下半途的修改，请稍后再同步</source>
        <translation>The connection to the server was lost: nothing half-done was kept; sync again later</translation>
    </message>
    <message>
        <location filename="../../reader/ui/team_ui.py" line="156"/>
        <source>服务器拒绝了这项操作：您的团队角色无此权限</source>
        <translation>The server refused: your team role does not allow this</translation>
    </message>
    <message>
        <location filename="../../reader/ui/team_ui.py" line="157"/>
        <source>服务器发来的数据有误，已全部拒收：本机文库未改动</source>
        <translation>The server sent bad data and all of it was refused: this library is unchanged</translation>
    </message>
    <message>
        <location filename="../../reader/ui/team_ui.py" line="158"/>
        <source>本文库尚未连接团队服务器</source>
        <translation>This library is not connected to a team server</translation>
    </message>
    <message>
        <location filename="../../reader/ui/team_ui.py" line="159"/>
        <source>服务器出错：未做任何修改</source>
        <translation>The server reported an error: nothing was changed</translation>
    </message>
    <message>
        <location filename="../../reader/ui/team_ui.py" line="204"/>
        <source>批注</source>
        <translation>note</translation>
    </message>
    <message>
        <location filename="../../reader/ui/team_ui.py" line="204"/>
        <source>标签</source>
        <translation>tags</translation>
    </message>
    <message>
        <location filename="../../reader/ui/team_ui.py" line="204"/>
        <source>分类</source>
        <translation>category</translation>
    </message>
    <message>
        <location filename="../../reader/ui/team_ui.py" line="205"/>
        <source>状态</source>
        <translation>status</translation>
    </message>
    <message>
        <location filename="../../reader/ui/team_ui.py" line="205"/>
        <source>回复</source>
        <translation>reply</translation>
    </message>
    <message>
        <location filename="../../reader/ui/team_ui.py" line="205"/>
        <source>关系</source>
        <translation>relation</translation>
    </message>
    <message>
        <location filename="../../reader/ui/team_ui.py" line="208"/>
        <source>您与同事同时修改了“{0}”：以服务器上较晚的为准，较早的见修改历史</source>
        <translation>You and a colleague both changed the {0}: the later one on the server stands; the earlier one is in the history</translation>
    </message>
    <message>
        <location filename="../../reader/ui/team_ui.py" line="210"/>
        <source>您删除了它，同事同时修改了它：已保留</source>
        <translation>You deleted it while a colleague changed it: it was kept</translation>
    </message>
    <message>
        <location filename="../../reader/ui/team_ui.py" line="211"/>
        <source>同事删除了它，您同时修改了它：已保留</source>
        <translation>A colleague deleted it while you changed it: it was kept</translation>
    </message>
    <message>
        <location filename="../../reader/ui/team_ui.py" line="212"/>
        <source>您的团队角色无权共享这项修改，它只保存在本机</source>
        <translation>Your team role may not share this change; it stays on this computer</translation>
    </message>
    <message>
        <location filename="../../reader/ui/team_ui.py" line="223"/>
        <source>无法取消冲突标记：{0}</source>
        <translation>Cannot clear the conflict mark: {0}</translation>
    </message>
    <message>
        <location filename="../../reader/ui/team_ui.py" line="238"/>
        <source>上传</source>
        <translation>sending</translation>
    </message>
    <message>
        <location filename="../../reader/ui/team_ui.py" line="238"/>
        <source>正在上传本地的修改</source>
        <translation>Sending local changes</translation>
    </message>
    <message>
        <location filename="../../reader/ui/team_ui.py" line="239"/>
        <source>下载</source>
        <translation>fetching</translation>
    </message>
    <message>
        <location filename="../../reader/ui/team_ui.py" line="239"/>
        <source>正在下载同事的修改</source>
        <translation>Fetching colleagues&apos; changes</translation>
    </message>
    <message>
        <location filename="../../reader/ui/team_ui.py" line="240"/>
        <source>同步中…</source>
        <translation>Syncing…</translation>
    </message>
    <message>
        <location filename="../../reader/ui/team_ui.py" line="241"/>
        <source>点击“取消”可停止同步</source>
        <translation>Click “Cancel” to stop the sync</translation>
    </message>
    <message>
        <location filename="../../reader/ui/team_ui.py" line="243"/>
        <source>未连接团队</source>
        <translation>No team</translation>
    </message>
    <message>
        <location filename="../../reader/ui/team_ui.py" line="243"/>
        <source>未连接团队服务器：批注只保存在本机。
点击连接团队服务器</source>
        <translation>Not connected to a team server: annotations stay on this computer.
Click to connect to a team server</translation>
    </message>
    <message>
        <location filename="../../reader/ui/team_ui.py" line="244"/>
        <source>读者</source>
        <translation>reader</translation>
    </message>
    <message>
        <location filename="../../reader/ui/team_ui.py" line="244"/>
        <source>审阅人</source>
        <translation>reviewer</translation>
    </message>
    <message>
        <location filename="../../reader/ui/team_ui.py" line="244"/>
        <source>编辑</source>
        <translation>editor</translation>
    </message>
    <message>
        <location filename="../../reader/ui/team_ui.py" line="245"/>
        <source>所有者</source>
        <translation>owner</translation>
    </message>
    <message>
        <location filename="../../reader/ui/team_ui.py" line="246"/>
        <source>服务器：{0}</source>
        <translation>Server: {0}</translation>
    </message>
    <message>
        <location filename="../../reader/ui/team_ui.py" line="247"/>
        <source>用户：{0}（{1}）</source>
        <translation>User: {0} ({1})</translation>
    </message>
    <message>
        <location filename="../../reader/ui/team_ui.py" line="247"/>
        <source>角色未知</source>
        <translation>role not known yet</translation>
    </message>
    <message>
        <location filename="../../reader/ui/team_ui.py" line="248"/>
        <source>上次同步：{0}</source>
        <translation>Last sync: {0}</translation>
    </message>
    <message>
        <location filename="../../reader/ui/team_ui.py" line="248"/>
        <source>从未</source>
        <translation>never</translation>
    </message>
    <message>
        <location filename="../../reader/ui/team_ui.py" line="249"/>
        <source>待同步：{0} 项</source>
        <translation>Waiting to sync: {0}</translation>
    </message>
    <message>
        <location filename="../../reader/ui/team_ui.py" line="250"/>
        <source>冲突：{0} 项</source>
        <translation>Conflicts: {0}</translation>
    </message>
    <message>
        <location filename="../../reader/ui/team_ui.py" line="253"/>
        <source>错误：{0}</source>
        <translation>Error: {0}</translation>
    </message>
    <message>
        <location filename="../../reader/ui/team_ui.py" line="255"/>
        <source>详情：{0}</source>
        <translation>Details: {0}</translation>
    </message>
    <message>
        <location filename="../../reader/ui/team_ui.py" line="256"/>
        <source>点击立即同步</source>
        <translation>Click to sync now</translation>
    </message>
    <message>
        <location filename="../../reader/ui/team_ui.py" line="260"/>
        <location filename="../../reader/ui/team_ui.py" line="359"/>
        <source>同步失败：{0}</source>
        <translation>Sync failed: {0}</translation>
    </message>
    <message>
        <location filename="../../reader/ui/team_ui.py" line="262"/>
        <source>待同步 {0} 项</source>
        <translation>{0} to sync</translation>
    </message>
    <message>
        <location filename="../../reader/ui/team_ui.py" line="264"/>
        <source>已同步 · {0}</source>
        <translation>Synced · {0}</translation>
    </message>
    <message>
        <location filename="../../reader/ui/team_ui.py" line="265"/>
        <source>尚未同步</source>
        <translation>Not synced yet</translation>
    </message>
    <message>
        <location filename="../../reader/ui/team_ui.py" line="304"/>
        <source>导入完成后再同步</source>
        <translation>The sync waits until the import has finished</translation>
    </message>
    <message>
        <location filename="../../reader/ui/team_ui.py" line="342"/>
        <source>已同步：上传 {0} 项，下载 {1} 项</source>
        <translation>Synced: {0} sent, {1} fetched</translation>
    </message>
    <message>
        <location filename="../../reader/ui/team_ui.py" line="344"/>
        <source>{0} 项冲突已保留并标出</source>
        <translation>{0} conflict(s) kept and marked</translation>
    </message>
    <message>
        <location filename="../../reader/ui/team_ui.py" line="346"/>
        <source>{0} 项修改您的角色无权共享，留在本机</source>
        <translation>{0} change(s) your role may not share stay on this computer</translation>
    </message>
    <message>
        <location filename="../../reader/ui/team_ui.py" line="347"/>
        <source>，</source>
        <translation>, </translation>
    </message>
    <message>
        <location filename="../../reader/ui/team_ui.py" line="355"/>
        <source>同步已取消：未留下半途的修改</source>
        <translation>Sync cancelled: nothing half-done was kept</translation>
    </message>
    <message>
        <location filename="../../reader/ui/team_ui.py" line="389"/>
        <source>断开与团队服务器的连接？
本地的批注全部保留，只是不再同步。</source>
        <translation>Disconnect from the team server?
Every local annotation is kept; it just no longer syncs.</translation>
    </message>
    <message>
        <location filename="../../reader/ui/team_ui.py" line="394"/>
        <source>无法断开：{0}</source>
        <translation>Cannot disconnect: {0}</translation>
    </message>
    <message>
        <location filename="../../reader/ui/team_ui.py" line="398"/>
        <source>已断开团队服务器</source>
        <translation>Disconnected from the team server</translation>
    </message>
</context>
<context>
    <name>TreePanel</name>
    <message>
        <location filename="../../reader/ui/tree_panel.py" line="44"/>
        <source>展开全部（Ctrl+]）</source>
        <extracomment>The user moved to a node (keyboard or click); ``jump`` True for a click/Enter.</extracomment>
        <translation>Expand all (Ctrl+])</translation>
    </message>
    <message>
        <location filename="../../reader/ui/tree_panel.py" line="45"/>
        <source>折叠全部（Ctrl+[）</source>
        <translation>Collapse all (Ctrl+[)</translation>
    </message>
    <message>
        <location filename="../../reader/ui/tree_panel.py" line="49"/>
        <source>共 {0} 条</source>
        <translation>{0} articles</translation>
    </message>
    <message>
        <location filename="../../reader/ui/tree_panel.py" line="51"/>
        <source>共 {0} 个标题</source>
        <translation>{0} headings</translation>
    </message>
</context>
<context>
    <name>VersionBanner</name>
    <message>
        <location filename="../../reader/ui/version_banner.py" line="68"/>
        <source>转到现行版本</source>
        <extracomment>Open this version (the current one, from an older one). Show the versions dialog.</extracomment>
        <translation>Go to current version</translation>
    </message>
    <message>
        <location filename="../../reader/ui/version_banner.py" line="69"/>
        <source>打开本文档的现行版本</source>
        <translation>Open the current version of this document</translation>
    </message>
    <message>
        <location filename="../../reader/ui/version_banner.py" line="70"/>
        <source>版本…</source>
        <translation>Versions…</translation>
    </message>
    <message>
        <location filename="../../reader/ui/version_banner.py" line="71"/>
        <source>列出本文档的全部版本</source>
        <translation>List every version of this document</translation>
    </message>
    <message>
        <location filename="../../reader/ui/version_banner.py" line="76"/>
        <source>未注明</source>
        <translation>not stated</translation>
    </message>
    <message>
        <location filename="../../reader/ui/version_banner.py" line="77"/>
        <source>历史版本：{0}（现行版本：{1}）</source>
        <translation>Older version: {0} (current version: {1})</translation>
    </message>
    <message>
        <location filename="../../reader/ui/version_banner.py" line="78"/>
        <source>未注明日期</source>
        <translation>undated</translation>
    </message>
    <message>
        <location filename="../../reader/ui/version_banner.py" line="81"/>
        <source>现行版本 {0} · 共{1}个版本</source>
        <translation>Current version {0} · {1} versions</translation>
    </message>
</context>
<context>
    <name>VersionsController</name>
    <message>
        <location filename="../../reader/ui/versions_ui.py" line="90"/>
        <source>这条批注一直在当前版本上</source>
        <translation>This note has always been on this version</translation>
    </message>
    <message>
        <location filename="../../reader/ui/versions_ui.py" line="95"/>
        <source>批注原在的版本已从文库移除</source>
        <translation>The version this note was made on has been removed from the library</translation>
    </message>
</context>
<context>
    <name>VersionsDialog</name>
    <message>
        <location filename="../../reader/ui/versions_dialog.py" line="73"/>
        <location filename="../../reader/ui/versions_dialog.py" line="74"/>
        <source>版本</source>
        <extracomment>Open this version (doc_id) in the reading view. Compare (old_id, current_id) in the 新旧对照 window. The list arrived (tests wait for it).</extracomment>
        <translation>Versions</translation>
    </message>
    <message>
        <location filename="../../reader/ui/versions_dialog.py" line="74"/>
        <source>序号</source>
        <translation>No.</translation>
    </message>
    <message>
        <location filename="../../reader/ui/versions_dialog.py" line="74"/>
        <source>施行日期</source>
        <translation>In force from</translation>
    </message>
    <message>
        <location filename="../../reader/ui/versions_dialog.py" line="75"/>
        <source>批注数</source>
        <translation>Notes</translation>
    </message>
    <message>
        <location filename="../../reader/ui/versions_dialog.py" line="75"/>
        <source>来源文件</source>
        <translation>Source file</translation>
    </message>
    <message>
        <location filename="../../reader/ui/versions_dialog.py" line="75"/>
        <location filename="../../reader/ui/versions_dialog.py" line="106"/>
        <source>现行</source>
        <translation>Current</translation>
    </message>
    <message>
        <location filename="../../reader/ui/versions_dialog.py" line="76"/>
        <source>打开此版本</source>
        <translation>Open This Version</translation>
    </message>
    <message>
        <location filename="../../reader/ui/versions_dialog.py" line="77"/>
        <source>在阅读窗口中打开所选版本</source>
        <translation>Open the selected version in the reading view</translation>
    </message>
    <message>
        <location filename="../../reader/ui/versions_dialog.py" line="78"/>
        <source>与现行版本对照</source>
        <translation>Compare with Current Version</translation>
    </message>
    <message>
        <location filename="../../reader/ui/versions_dialog.py" line="79"/>
        <source>把所选版本与现行版本逐条并排对照</source>
        <translation>Compare the selected version with the current one, article by article</translation>
    </message>
    <message>
        <location filename="../../reader/ui/versions_dialog.py" line="91"/>
        <source>正在读取版本…</source>
        <translation>Reading versions…</translation>
    </message>
    <message>
        <location filename="../../reader/ui/versions_dialog.py" line="93"/>
        <source>《{0}》共 {1} 个版本</source>
        <translation>{0}: {1} versions</translation>
    </message>
    <message>
        <location filename="../../reader/ui/versions_dialog.py" line="104"/>
        <source>（未注明日期）</source>
        <translation>(undated)</translation>
    </message>
    <message>
        <location filename="../../reader/ui/versions_dialog.py" line="127"/>
        <source>无法读取版本：{0}</source>
        <translation>Cannot read the versions: {0}</translation>
    </message>
</context>
<context>
    <name>WindowActions</name>
    <message>
        <location filename="../../reader/ui/actions.py" line="207"/>
        <source>撤销 {0}</source>
        <translation>Undo {0}</translation>
    </message>
    <message>
        <location filename="../../reader/ui/actions.py" line="207"/>
        <location filename="../../reader/ui/actions.py" line="262"/>
        <source>撤销</source>
        <translation>Undo</translation>
    </message>
    <message>
        <location filename="../../reader/ui/actions.py" line="208"/>
        <source>重做 {0}</source>
        <translation>Redo {0}</translation>
    </message>
    <message>
        <location filename="../../reader/ui/actions.py" line="208"/>
        <location filename="../../reader/ui/actions.py" line="263"/>
        <source>重做</source>
        <translation>Redo</translation>
    </message>
    <message>
        <location filename="../../reader/ui/actions.py" line="211"/>
        <source>批注(&amp;A)</source>
        <translation>&amp;Annotate</translation>
    </message>
    <message>
        <location filename="../../reader/ui/actions.py" line="212"/>
        <source>高亮为</source>
        <translation>Highlight As</translation>
    </message>
    <message>
        <location filename="../../reader/ui/actions.py" line="213"/>
        <source>文件(&amp;F)</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <location filename="../../reader/ui/actions.py" line="214"/>
        <source>编辑(&amp;E)</source>
        <translation>&amp;Edit</translation>
    </message>
    <message>
        <location filename="../../reader/ui/actions.py" line="215"/>
        <source>视图(&amp;V)</source>
        <translation>&amp;View</translation>
    </message>
    <message>
        <location filename="../../reader/ui/actions.py" line="216"/>
        <source>导航(&amp;G)</source>
        <translation>&amp;Go</translation>
    </message>
    <message>
        <location filename="../../reader/ui/actions.py" line="217"/>
        <source>帮助(&amp;H)</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <location filename="../../reader/ui/actions.py" line="218"/>
        <source>面板</source>
        <translation>Panels</translation>
    </message>
    <message>
        <location filename="../../reader/ui/actions.py" line="219"/>
        <source>界面语言</source>
        <translation>Language</translation>
    </message>
    <message>
        <location filename="../../reader/ui/actions.py" line="220"/>
        <source>工具栏</source>
        <translation>Toolbar</translation>
    </message>
    <message>
        <location filename="../../reader/ui/actions.py" line="224"/>
        <source>、</source>
        <translation>, </translation>
    </message>
    <message>
        <location filename="../../reader/ui/actions.py" line="226"/>
        <source>导入文件…</source>
        <translation>Import Files…</translation>
    </message>
    <message>
        <source>把文件导入文库（txt、md、docx；可多选），后台进行</source>
        <translation type="vanished">Import files into the library (txt, md, docx; several at once), in the background</translation>
    </message>
    <message>
        <location filename="../../reader/ui/actions.py" line="226"/>
        <source>把文件导入文库（{0}；可多选），后台进行</source>
        <translation>Import files into the library ({0}; several at once), in the background</translation>
    </message>
    <message>
        <location filename="../../reader/ui/actions.py" line="227"/>
        <source>导入文件夹…</source>
        <translation>Import folder…</translation>
    </message>
    <message>
        <location filename="../../reader/ui/actions.py" line="227"/>
        <source>导入文件夹及其子文件夹中所有支持的文件（{0}），后台进行</source>
        <translation>Import every supported file ({0}) in a folder and its subfolders, in the background</translation>
    </message>
    <message>
        <location filename="../../reader/ui/actions.py" line="228"/>
        <source>从文库移除…</source>
        <translation>Remove from Library…</translation>
    </message>
    <message>
        <location filename="../../reader/ui/actions.py" line="228"/>
        <source>从文库移除所选文档</source>
        <translation>Remove the selected document from the library</translation>
    </message>
    <message>
        <location filename="../../reader/ui/actions.py" line="229"/>
        <source>导出 Word 简报…</source>
        <translation>Export Word Brief…</translation>
    </message>
    <message>
        <location filename="../../reader/ui/actions.py" line="229"/>
        <source>把批注和审阅意见连同条文导出为 Word 文档（Ctrl+E）</source>
        <translation>Export the text with your annotations and notes as a Word document (Ctrl+E)</translation>
    </message>
    <message>
        <location filename="../../reader/ui/actions.py" line="230"/>
        <source>退出</source>
        <translation>Quit</translation>
    </message>
    <message>
        <location filename="../../reader/ui/actions.py" line="230"/>
        <source>关闭法规阅读器</source>
        <translation>Close RegReader</translation>
    </message>
    <message>
        <location filename="../../reader/ui/actions.py" line="231"/>
        <source>复制（附引注）</source>
        <translation>Copy with Citation</translation>
    </message>
    <message>
        <location filename="../../reader/ui/actions.py" line="231"/>
        <source>复制所选文字，后附出处，如《……》第十七条第二款</source>
        <translation>Copy the selection followed by its citation, e.g. 《…》第十七条第二款</translation>
    </message>
    <message>
        <location filename="../../reader/ui/actions.py" line="232"/>
        <source>仅复制文字</source>
        <translation>Copy Text Only</translation>
    </message>
    <message>
        <location filename="../../reader/ui/actions.py" line="232"/>
        <source>复制所选文字，不附出处</source>
        <translation>Copy the selection without a citation</translation>
    </message>
    <message>
        <location filename="../../reader/ui/actions.py" line="233"/>
        <source>复制本条全文（附引注）</source>
        <translation>Copy Whole Article with Citation</translation>
    </message>
    <message>
        <location filename="../../reader/ui/actions.py" line="233"/>
        <source>复制光标所在条文的全文及出处</source>
        <translation>Copy the whole article at the cursor with its citation</translation>
    </message>
    <message>
        <location filename="../../reader/ui/actions.py" line="234"/>
        <source>在文档中查找…</source>
        <translation>Find in Document…</translation>
    </message>
    <message>
        <location filename="../../reader/ui/actions.py" line="234"/>
        <source>在当前文档中查找并标出所有匹配（Ctrl+F）</source>
        <translation>Find in this document and highlight every match (Ctrl+F)</translation>
    </message>
    <message>
        <location filename="../../reader/ui/actions.py" line="235"/>
        <source>下一处</source>
        <translation>Next Match</translation>
    </message>
    <message>
        <location filename="../../reader/ui/actions.py" line="235"/>
        <source>跳到下一处匹配（F3）</source>
        <translation>Go to the next match (F3)</translation>
    </message>
    <message>
        <location filename="../../reader/ui/actions.py" line="236"/>
        <source>上一处</source>
        <translation>Previous Match</translation>
    </message>
    <message>
        <location filename="../../reader/ui/actions.py" line="236"/>
        <source>跳到上一处匹配（Shift+F3）</source>
        <translation>Go to the previous match (Shift+F3)</translation>
    </message>
    <message>
        <location filename="../../reader/ui/actions.py" line="237"/>
        <source>全库搜索…</source>
        <translation>Search Library…</translation>
    </message>
    <message>
        <location filename="../../reader/ui/actions.py" line="237"/>
        <source>在整个文库中搜索（Ctrl+Shift+F）</source>
        <translation>Search the whole library (Ctrl+Shift+F)</translation>
    </message>
    <message>
        <location filename="../../reader/ui/actions.py" line="238"/>
        <source>转到条文…</source>
        <translation>Go to Article…</translation>
    </message>
    <message>
        <location filename="../../reader/ui/actions.py" line="238"/>
        <source>转到指定条文，如 43、第四十三条、第十七条第二款（Ctrl+G）</source>
        <translation>Go to an article, e.g. 43, 第四十三条, 第十七条第二款 (Ctrl+G)</translation>
    </message>
    <message>
        <location filename="../../reader/ui/actions.py" line="239"/>
        <source>后退</source>
        <translation>Back</translation>
    </message>
    <message>
        <location filename="../../reader/ui/actions.py" line="239"/>
        <source>回到上一个位置（Alt+←）</source>
        <translation>Back to the previous place (Alt+Left)</translation>
    </message>
    <message>
        <location filename="../../reader/ui/actions.py" line="240"/>
        <source>前进</source>
        <translation>Forward</translation>
    </message>
    <message>
        <location filename="../../reader/ui/actions.py" line="240"/>
        <source>前进到下一个位置（Alt+→）</source>
        <translation>Forward to the next place (Alt+Right)</translation>
    </message>
    <message>
        <location filename="../../reader/ui/actions.py" line="241"/>
        <source>放大字号</source>
        <translation>Larger Text</translation>
    </message>
    <message>
        <location filename="../../reader/ui/actions.py" line="241"/>
        <source>放大正文字号（Ctrl+=）</source>
        <translation>Make the text larger (Ctrl+=)</translation>
    </message>
    <message>
        <location filename="../../reader/ui/actions.py" line="242"/>
        <source>缩小字号</source>
        <translation>Smaller Text</translation>
    </message>
    <message>
        <location filename="../../reader/ui/actions.py" line="242"/>
        <source>缩小正文字号（Ctrl+-）</source>
        <translation>Make the text smaller (Ctrl+-)</translation>
    </message>
    <message>
        <location filename="../../reader/ui/actions.py" line="243"/>
        <source>默认字号</source>
        <translation>Default Text Size</translation>
    </message>
    <message>
        <location filename="../../reader/ui/actions.py" line="243"/>
        <source>恢复默认字号（Ctrl+0）</source>
        <translation>Back to the default text size (Ctrl+0)</translation>
    </message>
    <message>
        <location filename="../../reader/ui/actions.py" line="244"/>
        <source>展开全部目录</source>
        <translation>Expand All Contents</translation>
    </message>
    <message>
        <location filename="../../reader/ui/actions.py" line="244"/>
        <source>展开目录中的全部条目</source>
        <translation>Expand every entry of the contents</translation>
    </message>
    <message>
        <location filename="../../reader/ui/actions.py" line="245"/>
        <source>折叠全部目录</source>
        <translation>Collapse All Contents</translation>
    </message>
    <message>
        <location filename="../../reader/ui/actions.py" line="245"/>
        <source>折叠目录中的全部条目</source>
        <translation>Collapse every entry of the contents</translation>
    </message>
    <message>
        <location filename="../../reader/ui/actions.py" line="246"/>
        <source>新旧对照…</source>
        <translation>Compare Versions…</translation>
    </message>
    <message>
        <location filename="../../reader/ui/actions.py" line="246"/>
        <source>把当前文档与它的另一版本逐条并排对照，标出修改</source>
        <translation>Compare the open document with another version of it, article by article, with the changes marked</translation>
    </message>
    <message>
        <location filename="../../reader/ui/actions.py" line="247"/>
        <source>版本…</source>
        <translation>Versions…</translation>
    </message>
    <message>
        <location filename="../../reader/ui/actions.py" line="247"/>
        <source>列出当前文档的全部版本：打开较早版本，或与现行版本对照</source>
        <translation>List every version of the open document: open an older one, or compare it with the current version</translation>
    </message>
    <message>
        <location filename="../../reader/ui/actions.py" line="248"/>
        <source>深色模式</source>
        <translation>Dark Mode</translation>
    </message>
    <message>
        <location filename="../../reader/ui/actions.py" line="248"/>
        <source>在浅色与深色外观之间切换</source>
        <translation>Switch between the light and dark appearance</translation>
    </message>
    <message>
        <location filename="../../reader/ui/actions.py" line="249"/>
        <source>转到文库</source>
        <translation>Go to Library</translation>
    </message>
    <message>
        <location filename="../../reader/ui/actions.py" line="249"/>
        <source>把键盘焦点移到文库列表（Ctrl+1）</source>
        <translation>Move the keyboard focus to the library list (Ctrl+1)</translation>
    </message>
    <message>
        <location filename="../../reader/ui/actions.py" line="250"/>
        <source>转到目录</source>
        <translation>Go to Contents</translation>
    </message>
    <message>
        <location filename="../../reader/ui/actions.py" line="250"/>
        <source>把键盘焦点移到目录（Ctrl+2）</source>
        <translation>Move the keyboard focus to the contents (Ctrl+2)</translation>
    </message>
    <message>
        <location filename="../../reader/ui/actions.py" line="251"/>
        <source>转到正文</source>
        <translation>Go to Text</translation>
    </message>
    <message>
        <location filename="../../reader/ui/actions.py" line="251"/>
        <source>把键盘焦点移到正文（Ctrl+3）</source>
        <translation>Move the keyboard focus to the text (Ctrl+3)</translation>
    </message>
    <message>
        <location filename="../../reader/ui/actions.py" line="252"/>
        <source>筛选文库…</source>
        <translation>Filter Library…</translation>
    </message>
    <message>
        <location filename="../../reader/ui/actions.py" line="252"/>
        <source>把键盘焦点移到文库筛选框（Ctrl+L）</source>
        <translation>Move the keyboard focus to the library filter (Ctrl+L)</translation>
    </message>
    <message>
        <location filename="../../reader/ui/actions.py" line="253"/>
        <source>快捷键</source>
        <translation>Keyboard Shortcuts</translation>
    </message>
    <message>
        <location filename="../../reader/ui/actions.py" line="253"/>
        <source>列出全部快捷键</source>
        <translation>List every keyboard shortcut</translation>
    </message>
    <message>
        <location filename="../../reader/ui/actions.py" line="254"/>
        <source>关于法规阅读器</source>
        <translation>About RegReader</translation>
    </message>
    <message>
        <location filename="../../reader/ui/actions.py" line="254"/>
        <source>版本与说明</source>
        <translation>Version and notes</translation>
    </message>
    <message>
        <location filename="../../reader/ui/actions.py" line="255"/>
        <source>高亮</source>
        <translation>Highlight</translation>
    </message>
    <message>
        <location filename="../../reader/ui/actions.py" line="255"/>
        <source>用当前分类的颜色高亮所选文字（Ctrl+H）；分类见右侧箭头</source>
        <translation>Highlight the selection in the current category&apos;s colour (Ctrl+H); the arrow offers the categories</translation>
    </message>
    <message>
        <location filename="../../reader/ui/actions.py" line="256"/>
        <source>添加批注…</source>
        <translation>Add Note…</translation>
    </message>
    <message>
        <location filename="../../reader/ui/actions.py" line="256"/>
        <source>为所选文字写批注；未选文字时为光标所在条文写批注（Ctrl+M）</source>
        <translation>Write a note on the selection; without one, on the clause at the cursor (Ctrl+M)</translation>
    </message>
    <message>
        <location filename="../../reader/ui/actions.py" line="257"/>
        <source>条文批注…</source>
        <translation>Note on Clause…</translation>
    </message>
    <message>
        <location filename="../../reader/ui/actions.py" line="257"/>
        <source>为光标所在的整条写批注（Ctrl+Shift+M）</source>
        <translation>Write a note on the whole clause at the cursor (Ctrl+Shift+M)</translation>
    </message>
    <message>
        <location filename="../../reader/ui/actions.py" line="258"/>
        <source>添加标签…</source>
        <translation>Add Tags…</translation>
    </message>
    <message>
        <location filename="../../reader/ui/actions.py" line="258"/>
        <source>为所选文字加标签（Ctrl+T）</source>
        <translation>Tag the selected words (Ctrl+T)</translation>
    </message>
    <message>
        <location filename="../../reader/ui/actions.py" line="259"/>
        <source>链接到…</source>
        <translation>Link To…</translation>
    </message>
    <message>
        <location filename="../../reader/ui/actions.py" line="259"/>
        <source>把所选文字或本条链接到另一条文，用搜索或目录选择（Ctrl+K）</source>
        <translation>Link the selection or this clause to another clause, picked by search or from the contents (Ctrl+K)</translation>
    </message>
    <message>
        <location filename="../../reader/ui/actions.py" line="260"/>
        <source>编辑所选批注…</source>
        <translation>Edit Selected Annotation…</translation>
    </message>
    <message>
        <location filename="../../reader/ui/actions.py" line="260"/>
        <source>编辑批注面板或正文中选中的批注</source>
        <translation>Edit the annotation selected in the panel or the text</translation>
    </message>
    <message>
        <location filename="../../reader/ui/actions.py" line="261"/>
        <source>删除所选批注</source>
        <translation>Delete Selected Annotation</translation>
    </message>
    <message>
        <location filename="../../reader/ui/actions.py" line="261"/>
        <source>删除选中的批注（可撤销，可从回收站恢复）</source>
        <translation>Delete the selected annotation (undoable; restorable from the trash)</translation>
    </message>
    <message>
        <location filename="../../reader/ui/actions.py" line="262"/>
        <source>撤销上一次批注编辑（Ctrl+Z）</source>
        <translation>Undo the last annotation edit (Ctrl+Z)</translation>
    </message>
    <message>
        <location filename="../../reader/ui/actions.py" line="263"/>
        <source>重做被撤销的批注编辑（Ctrl+Shift+Z）</source>
        <translation>Redo the annotation edit just undone (Ctrl+Shift+Z)</translation>
    </message>
    <message>
        <location filename="../../reader/ui/actions.py" line="264"/>
        <source>管理分类…</source>
        <translation>Categories…</translation>
    </message>
    <message>
        <location filename="../../reader/ui/actions.py" line="264"/>
        <source>增删、改名、改颜色和含义</source>
        <translation>Add, remove, rename categories; change their colours and meanings</translation>
    </message>
    <message>
        <location filename="../../reader/ui/actions.py" line="265"/>
        <source>作者名…</source>
        <translation>Author Name…</translation>
    </message>
    <message>
        <location filename="../../reader/ui/actions.py" line="265"/>
        <source>新批注的署名</source>
        <translation>The name new annotations are signed with</translation>
    </message>
    <message>
        <location filename="../../reader/ui/actions.py" line="266"/>
        <source>导出批注…</source>
        <translation>Export Annotations…</translation>
    </message>
    <message>
        <location filename="../../reader/ui/actions.py" line="266"/>
        <source>导出全部批注和链接（W3C Web Annotation JSON）</source>
        <translation>Export every annotation and link (W3C Web Annotation JSON)</translation>
    </message>
    <message>
        <location filename="../../reader/ui/actions.py" line="267"/>
        <source>导入批注…</source>
        <translation>Import Annotations…</translation>
    </message>
    <message>
        <location filename="../../reader/ui/actions.py" line="267"/>
        <source>合并同事导出的批注：按编号合并，较新的版本优先</source>
        <translation>Merge a colleague&apos;s exported annotations: by id, the newer copy wins</translation>
    </message>
    <message>
        <location filename="../../reader/ui/actions.py" line="268"/>
        <source>批注面板</source>
        <translation>Annotations Panel</translation>
    </message>
    <message>
        <location filename="../../reader/ui/actions.py" line="268"/>
        <source>显示或隐藏批注面板（Ctrl+Shift+A）</source>
        <translation>Show or hide the annotations panel (Ctrl+Shift+A)</translation>
    </message>
    <message>
        <location filename="../../reader/ui/actions.py" line="269"/>
        <source>链接面板</source>
        <translation>Links Panel</translation>
    </message>
    <message>
        <location filename="../../reader/ui/actions.py" line="269"/>
        <source>显示或隐藏链接面板（Ctrl+Shift+L）</source>
        <translation>Show or hide the links panel (Ctrl+Shift+L)</translation>
    </message>
</context>
</TS>
