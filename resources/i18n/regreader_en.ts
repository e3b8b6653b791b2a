<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="en_US">
<context>
    <name>DocumentTreeModel</name>
    <message>
        <location filename="../../reader/ui/tree_model.py" line="147" />
        <source>目录</source>
        <translation>Contents</translation>
    </message>
    <message>
        <location filename="../../reader/ui/tree_model.py" line="172" />
        <source>序言</source>
        <translation>Preamble</translation>
    </message>
</context>
<context>
    <name>FindBar</name>
    <message>
        <location filename="../../reader/ui/find_bar.py" line="50" />
        <source>查找</source>
        <translation>Find</translation>
    </message>
    <message>
        <location filename="../../reader/ui/find_bar.py" line="51" />
        <source>在本文档中查找…</source>
        <translation>Find in this document…</translation>
    </message>
    <message>
        <location filename="../../reader/ui/find_bar.py" line="52" />
        <source>上一处（Shift+F3）</source>
        <translation>Previous (Shift+F3)</translation>
    </message>
    <message>
        <location filename="../../reader/ui/find_bar.py" line="53" />
        <source>下一处（F3 或回车）</source>
        <translation>Next (F3 or Enter)</translation>
    </message>
    <message>
        <location filename="../../reader/ui/find_bar.py" line="54" />
        <source>关闭（Esc）</source>
        <translation>Close (Esc)</translation>
    </message>
    <message>
        <location filename="../../reader/ui/find_bar.py" line="76" />
        <source>无结果</source>
        <translation>No matches</translation>
    </message>
</context>
<context>
    <name>ImportController</name>
    <message>
        <location filename="../../reader/ui/importer.py" line="61" />
        <source>取消</source>
        <extracomment>An import ended (ImportReport): the library may have changed. The sample documents were imported on first start (ImportReport or None).</extracomment>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../reader/ui/importer.py" line="62" />
        <source>停止导入（已导入的文件会保留）</source>
        <translation>Stop the import (files already imported are kept)</translation>
    </message>
    <message>
        <location filename="../../reader/ui/importer.py" line="80" />
        <source>导入文件</source>
        <translation>Import Files</translation>
    </message>
    <message>
        <location filename="../../reader/ui/importer.py" line="81" />
        <source>法规文件 (*.txt *.md *.markdown *.docx);;所有文件 (*)</source>
        <translation>Regulations (*.txt *.md *.markdown *.docx);;All files (*)</translation>
    </message>
    <message>
        <location filename="../../reader/ui/importer.py" line="93" />
        <source>已加入导入队列：{0} 个文件</source>
        <translation>Queued for import: {0} files</translation>
    </message>
    <message>
        <location filename="../../reader/ui/importer.py" line="102" />
        <source>导入 %v/%m</source>
        <translation>Import %v/%m</translation>
    </message>
    <message>
        <location filename="../../reader/ui/importer.py" line="106" />
        <source>正在导入 {0} 个文件…</source>
        <translation>Importing {0} files…</translation>
    </message>
    <message>
        <location filename="../../reader/ui/importer.py" line="113" />
        <source>已导入 {0}/{1}：{2}</source>
        <translation>Imported {0}/{1}: {2}</translation>
    </message>
    <message>
        <location filename="../../reader/ui/importer.py" line="120" />
        <source>正在取消导入…</source>
        <translation>Cancelling the import…</translation>
    </message>
    <message>
        <location filename="../../reader/ui/importer.py" line="129" />
        <source>导入完成：新增 {0}，更新 {1}，重复 {2}，失败 {3}</source>
        <translation>Import finished: {0} added, {1} updated, {2} duplicates, {3} failed</translation>
    </message>
    <message>
        <location filename="../../reader/ui/importer.py" line="132" />
        <source>导入已取消（已处理 {0} 个文件）。</source>
        <translation>Import cancelled ({0} files processed). </translation>
    </message>
    <message>
        <location filename="../../reader/ui/importer.py" line="137" />
        <source>部分文件未能导入</source>
        <translation>Some Files Were Not Imported</translation>
    </message>
    <message>
        <location filename="../../reader/ui/importer.py" line="143" />
        <source>导入出错</source>
        <translation>Import Error</translation>
    </message>
    <message>
        <location filename="../../reader/ui/importer.py" line="143" />
        <source>导入意外中止。</source>
        <translation>The import stopped unexpectedly.</translation>
    </message>
    <message>
        <location filename="../../reader/ui/importer.py" line="160" />
        <source>首次启动：正在导入示例文档…</source>
        <translation>First start: importing the sample documents…</translation>
    </message>
    <message>
        <location filename="../../reader/ui/importer.py" line="162" />
        <source>示例文档</source>
        <translation>Samples</translation>
    </message>
    <message>
        <location filename="../../reader/ui/importer.py" line="171" />
        <source>已导入 {0} 篇示例文档</source>
        <translation>Imported {0} sample documents</translation>
    </message>
    <message>
        <location filename="../../reader/ui/importer.py" line="177" />
        <source>示例文档导入失败：{0}</source>
        <translation>The samples could not be imported: {0}</translation>
    </message>
</context>
<context>
    <name>LibraryPanel</name>
    <message>
        <location filename="../../reader/ui/library_panel.py" line="175" />
        <source>筛选：标题、文号、机关…</source>
        <translation>Filter: title, number, issuer…</translation>
    </message>
    <message>
        <location filename="../../reader/ui/library_panel.py" line="176" />
        <source>输入文字筛选文档（回车打开第一篇）</source>
        <translation>Type to filter the documents (Enter opens the first)</translation>
    </message>
    <message>
        <location filename="../../reader/ui/library_panel.py" line="177" />
        <source>导入文件（Ctrl+O），也可把文件拖放到窗口</source>
        <translation>Import files (Ctrl+O); you can also drop files on the window</translation>
    </message>
    <message>
        <location filename="../../reader/ui/library_panel.py" line="178" />
        <source>从文库移除所选文档（Delete）</source>
        <translation>Remove the selected document from the library (Delete)</translation>
    </message>
    <message>
        <location filename="../../reader/ui/library_panel.py" line="179" />
        <source>分组</source>
        <translation>Group</translation>
    </message>
    <message>
        <location filename="../../reader/ui/library_panel.py" line="180" />
        <source>按种类</source>
        <translation>By kind</translation>
    </message>
    <message>
        <location filename="../../reader/ui/library_panel.py" line="180" />
        <source>按发布机关</source>
        <translation>By issuer</translation>
    </message>
    <message>
        <location filename="../../reader/ui/library_panel.py" line="181" />
        <source>按年份</source>
        <translation>By year</translation>
    </message>
    <message>
        <location filename="../../reader/ui/library_panel.py" line="181" />
        <source>不分组</source>
        <translation>No grouping</translation>
    </message>
    <message>
        <location filename="../../reader/ui/library_panel.py" line="188" />
        <source>文档的分组方式</source>
        <translation>How documents are grouped</translation>
    </message>
    <message>
        <location filename="../../reader/ui/library_panel.py" line="189" />
        <source>文库为空。
点击“导入”或把文件拖放到窗口。</source>
        <translation>The library is empty.
Click “Import” or drop files on the window.</translation>
    </message>
    <message>
        <location filename="../../reader/ui/library_panel.py" line="227" />
        <source>{0} 发布</source>
        <translation>issued {0}</translation>
    </message>
    <message>
        <location filename="../../reader/ui/library_panel.py" line="229" />
        <source>{0} 施行</source>
        <translation>effective {0}</translation>
    </message>
    <message>
        <location filename="../../reader/ui/library_panel.py" line="235" />
        <source>标题</source>
        <translation>Title</translation>
    </message>
    <message>
        <location filename="../../reader/ui/library_panel.py" line="235" />
        <source>种类</source>
        <translation>Kind</translation>
    </message>
    <message>
        <location filename="../../reader/ui/library_panel.py" line="235" />
        <source>文号</source>
        <translation>Number</translation>
    </message>
    <message>
        <location filename="../../reader/ui/library_panel.py" line="236" />
        <source>发布机关</source>
        <translation>Issuer</translation>
    </message>
    <message>
        <location filename="../../reader/ui/library_panel.py" line="237" />
        <source>发布日期</source>
        <translation>Issued</translation>
    </message>
    <message>
        <location filename="../../reader/ui/library_panel.py" line="238" />
        <source>施行日期</source>
        <translation>Effective</translation>
    </message>
    <message>
        <location filename="../../reader/ui/library_panel.py" line="239" />
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../reader/ui/library_panel.py" line="239" />
        <source>来源文件</source>
        <translation>Source file</translation>
    </message>
    <message>
        <location filename="../../reader/ui/library_panel.py" line="256" />
        <source>（未注明）</source>
        <translation>(not stated)</translation>
    </message>
    <message>
        <location filename="../../reader/ui/library_panel.py" line="282" />
        <source>{0} 篇</source>
        <translation>{0} document(s)</translation>
    </message>
    <message>
        <location filename="../../reader/ui/library_panel.py" line="283" />
        <source>{0}/{1} 篇</source>
        <translation>{0} of {1} documents</translation>
    </message>
    <message>
        <location filename="../../reader/ui/library_panel.py" line="334" />
        <source>打开</source>
        <translation>Open</translation>
    </message>
    <message>
        <location filename="../../reader/ui/library_panel.py" line="335" />
        <source>从文库移除…</source>
        <translation>Remove from Library…</translation>
    </message>
    <message>
        <location filename="../../reader/ui/library_panel.py" line="337" />
        <source>导入文件…</source>
        <translation>Import Files…</translation>
    </message>
    <message>
        <location filename="../../reader/ui/library_panel.py" line="338" />
        <source>展开全部分组</source>
        <translation>Expand All Groups</translation>
    </message>
    <message>
        <location filename="../../reader/ui/library_panel.py" line="339" />
        <source>折叠全部分组</source>
        <translation>Collapse All Groups</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../reader/ui/main_window.py" line="163" />
        <source>法规阅读器</source>
        <translation>RegReader</translation>
    </message>
    <message>
        <location filename="../../reader/ui/main_window.py" line="197" />
        <source>无法打开文档：{0}</source>
        <translation>Cannot open the document: {0}</translation>
    </message>
    <message>
        <location filename="../../reader/ui/main_window.py" line="234" />
        <source>从文库移除</source>
        <translation>Remove from Library</translation>
    </message>
    <message>
        <location filename="../../reader/ui/main_window.py" line="235" />
        <source>从文库移除《{0}》？
原文件不受影响，可以再次导入。</source>
        <translation>Remove “{0}” from the library?
The original file is not touched and can be imported again.</translation>
    </message>
    <message>
        <location filename="../../reader/ui/main_window.py" line="258" />
        <source>已移除《{0}》</source>
        <translation>Removed “{0}”</translation>
    </message>
    <message>
        <location filename="../../reader/ui/main_window.py" line="303" />
        <source>字号 {0:g}</source>
        <translation>Text {0:g} pt</translation>
    </message>
    <message>
        <location filename="../../reader/ui/main_window.py" line="338" />
        <location filename="../../reader/ui/main_window.py" line="368" />
        <source>本文档中没有“{0}”</source>
        <translation>Not found in this document: “{0}”</translation>
    </message>
    <message>
        <location filename="../../reader/ui/main_window.py" line="341" />
        <source>已转到 {0}</source>
        <translation>Went to {0}</translation>
    </message>
    <message>
        <location filename="../../reader/ui/main_window.py" line="348" />
        <source>转到条文</source>
        <translation>Go to Article</translation>
    </message>
    <message>
        <location filename="../../reader/ui/main_window.py" line="349" />
        <source>条文编号（如 43、第43条、第四十三条、第十七条第二款、第三章）：</source>
        <translation>Article (e.g. 43, 第43条, 第四十三条, 第十七条第二款, 第三章):</translation>
    </message>
    <message>
        <location filename="../../reader/ui/main_window.py" line="382" />
        <source>第 {0} 处，共 {1} 处</source>
        <translation>Match {0} of {1}</translation>
    </message>
    <message>
        <location filename="../../reader/ui/main_window.py" line="397" />
        <source>没有打开的文档</source>
        <translation>No document is open</translation>
    </message>
    <message>
        <location filename="../../reader/ui/main_window.py" line="492" />
        <source>搜索索引不可用：{0}</source>
        <translation>Search index unavailable: {0}</translation>
    </message>
    <message>
        <location filename="../../reader/ui/main_window.py" line="563" />
        <source>快捷键</source>
        <translation>Keyboard Shortcuts</translation>
    </message>
    <message>
        <location filename="../../reader/ui/main_window.py" line="144" />
        <source>文库</source>
        <extracomment>A document finished opening (doc_id) — tests and benchmarks wait for it.</extracomment>
        <translation>Library</translation>
    </message>
    <message>
        <location filename="../../reader/ui/main_window.py" line="145" />
        <source>目录</source>
        <translation>Contents</translation>
    </message>
    <message>
        <location filename="../../reader/ui/main_window.py" line="146" />
        <source>搜索</source>
        <translation>Search</translation>
    </message>
    <message>
        <location filename="../../reader/ui/main_window.py" line="571" />
        <source>关于法规阅读器</source>
        <translation>About RegReader</translation>
    </message>
    <message>
        <location filename="../../reader/ui/main_window.py" line="147" />
        <source>发布</source>
        <translation>Issued</translation>
    </message>
    <message>
        <location filename="../../reader/ui/main_window.py" line="147" />
        <source>施行</source>
        <translation>Effective</translation>
    </message>
    <message>
        <location filename="../../reader/ui/main_window.py" line="147" />
        <source>失效</source>
        <translation>Expires</translation>
    </message>
    <message>
        <location filename="../../reader/ui/main_window.py" line="168" />
        <source>从左侧文库选择一篇文档开始阅读，或把文件拖放到窗口中导入。</source>
        <translation>Choose a document in the library on the left, or drop files on the window to import them.</translation>
    </message>
    <message>
        <location filename="../../reader/ui/main_window.py" line="169" />
        <source>Ctrl+O 导入 · Ctrl+F 文内查找 · Ctrl+Shift+F 全库搜索 · Ctrl+G 转到条文</source>
        <translation>Ctrl+O import · Ctrl+F find · Ctrl+Shift+F search library · Ctrl+G go to article</translation>
    </message>
    <message>
        <location filename="../../reader/ui/main_window.py" line="170" />
        <source>Alt+← / Alt+→ 后退 / 前进 · Ctrl+= / Ctrl+- 字号 · F1 全部快捷键</source>
        <translation>Alt+Left / Alt+Right back / forward · Ctrl+= / Ctrl+- text size · F1 all shortcuts</translation>
    </message>
    <message>
        <location filename="../../reader/ui/main_window.py" line="572" />
        <source>法规阅读器 RegReader
离线阅读、检索与引用法规和政府文件。
文库位置：{0}</source>
        <translation>RegReader 法规阅读器
Read, search and cite regulations and government documents offline.
Library: {0}</translation>
    </message>
</context>
<context>
    <name>ReadingView</name>
    <message>
        <location filename="../../reader/ui/reading_view.py" line="398" />
        <source>已复制 {0}（附引注）</source>
        <extracomment>Widest text column, in CJK characters (a comfortable measure for Chinese). The tree unit at the top of the view changed (user scrolling or a jump). (current index, count) of the highlighted occurrences. The user asked to show a node in the tree (context menu).</extracomment>
        <translation>Copied {0} with citation</translation>
    </message>
    <message>
        <location filename="../../reader/ui/reading_view.py" line="406" />
        <source>复制（附引注）</source>
        <translation>Copy with Citation</translation>
    </message>
    <message>
        <location filename="../../reader/ui/reading_view.py" line="409" />
        <source>仅复制文字</source>
        <translation>Copy Text Only</translation>
    </message>
    <message>
        <location filename="../../reader/ui/reading_view.py" line="415" />
        <source>复制{0}全文（附引注）</source>
        <translation>Copy {0} with Citation</translation>
    </message>
    <message>
        <location filename="../../reader/ui/reading_view.py" line="417" />
        <source>在目录中显示</source>
        <translation>Show in Contents</translation>
    </message>
    <message>
        <location filename="../../reader/ui/reading_view.py" line="419" />
        <source>全选</source>
        <translation>Select All</translation>
    </message>
</context>
<context>
    <name>SearchPanel</name>
    <message>
        <location filename="../../reader/ui/search_panel.py" line="154" />
        <source>全文搜索…（回车）</source>
        <translation>Search the text… (Enter)</translation>
    </message>
    <message>
        <location filename="../../reader/ui/search_panel.py" line="155" />
        <source>查找包含这段文字的条文；多个词用空格分开</source>
        <translation>Find the articles containing this text; separate several words with spaces</translation>
    </message>
    <message>
        <location filename="../../reader/ui/search_panel.py" line="156" />
        <source>搜索</source>
        <translation>Search</translation>
    </message>
    <message>
        <location filename="../../reader/ui/search_panel.py" line="157" />
        <source>上一处（Shift+F3）</source>
        <translation>Previous (Shift+F3)</translation>
    </message>
    <message>
        <location filename="../../reader/ui/search_panel.py" line="158" />
        <source>下一处（F3）</source>
        <translation>Next (F3)</translation>
    </message>
    <message>
        <location filename="../../reader/ui/search_panel.py" line="159" />
        <source>范围</source>
        <translation>Scope</translation>
    </message>
    <message>
        <location filename="../../reader/ui/search_panel.py" line="161" />
        <source>全部文库</source>
        <translation>Whole library</translation>
    </message>
    <message>
        <location filename="../../reader/ui/search_panel.py" line="161" />
        <source>当前文档</source>
        <translation>This document</translation>
    </message>
    <message>
        <location filename="../../reader/ui/search_panel.py" line="161" />
        <source>仅标题</source>
        <translation>Titles only</translation>
    </message>
    <message>
        <location filename="../../reader/ui/search_panel.py" line="168" />
        <source>在哪里搜索</source>
        <translation>Where to search</translation>
    </message>
    <message>
        <location filename="../../reader/ui/search_panel.py" line="172" />
        <location filename="../../reader/ui/search_panel.py" line="217" />
        <source>输入要查找的文字。</source>
        <translation>Type the text to find.</translation>
    </message>
    <message>
        <location filename="../../reader/ui/search_panel.py" line="211" />
        <source>正在搜索…</source>
        <translation>Searching…</translation>
    </message>
    <message>
        <location filename="../../reader/ui/search_panel.py" line="221" />
        <source>正在建立搜索索引（{0}/{1}）…</source>
        <translation>Building the search index ({0}/{1})…</translation>
    </message>
    <message>
        <location filename="../../reader/ui/search_panel.py" line="224" />
        <source>搜索失败：{0}</source>
        <translation>Search failed: {0}</translation>
    </message>
    <message>
        <location filename="../../reader/ui/search_panel.py" line="247" />
        <source>没有找到“{0}”。</source>
        <translation>Nothing found for “{0}”.</translation>
    </message>
    <message>
        <location filename="../../reader/ui/search_panel.py" line="249" />
        <source>{0} 篇文档中共 {1} 处</source>
        <translation>{1} matches in {0} document(s)</translation>
    </message>
    <message>
        <location filename="../../reader/ui/search_panel.py" line="251" />
        <source>（显示前 {0} 处）</source>
        <translation> (first {0} shown)</translation>
    </message>
</context>
<context>
    <name>TreePanel</name>
    <message>
        <location filename="../../reader/ui/tree_panel.py" line="52" />
        <source>展开全部（Ctrl+]）</source>
        <extracomment>The user moved to a node (keyboard or click); ``jump`` True for a click/Enter.</extracomment>
        <translation>Expand all (Ctrl+])</translation>
    </message>
    <message>
        <location filename="../../reader/ui/tree_panel.py" line="53" />
        <source>折叠全部（Ctrl+[）</source>
        <translation>Collapse all (Ctrl+[)</translation>
    </message>
    <message>
        <location filename="../../reader/ui/tree_panel.py" line="57" />
        <source>共 {0} 条</source>
        <translation>{0} articles</translation>
    </message>
    <message>
        <location filename="../../reader/ui/tree_panel.py" line="59" />
        <source>共 {0} 个标题</source>
        <translation>{0} headings</translation>
    </message>
</context>
<context>
    <name>WindowActions</name>
    <message>
        <location filename="../../reader/ui/actions.py" line="131" />
        <source>文件(&amp;F)</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <location filename="../../reader/ui/actions.py" line="132" />
        <source>编辑(&amp;E)</source>
        <translation>&amp;Edit</translation>
    </message>
    <message>
        <location filename="../../reader/ui/actions.py" line="133" />
        <source>视图(&amp;V)</source>
        <translation>&amp;View</translation>
    </message>
    <message>
        <location filename="../../reader/ui/actions.py" line="134" />
        <source>导航(&amp;G)</source>
        <translation>&amp;Go</translation>
    </message>
    <message>
        <location filename="../../reader/ui/actions.py" line="135" />
        <source>帮助(&amp;H)</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <location filename="../../reader/ui/actions.py" line="136" />
        <source>面板</source>
        <translation>Panels</translation>
    </message>
    <message>
        <location filename="../../reader/ui/actions.py" line="137" />
        <source>界面语言</source>
        <translation>Language</translation>
    </message>
    <message>
        <location filename="../../reader/ui/actions.py" line="138" />
        <source>工具栏</source>
        <translation>Toolbar</translation>
    </message>
    <message>
        <location filename="../../reader/ui/actions.py" line="140" />
        <source>导入文件…</source>
        <translation>Import Files…</translation>
    </message>
    <message>
        <location filename="../../reader/ui/actions.py" line="140" />
        <source>把文件导入文库（txt、md、docx；可多选），后台进行</source>
        <translation>Import files into the library (txt, md, docx; several at once), in the background</translation>
    </message>
    <message>
        <location filename="../../reader/ui/actions.py" line="141" />
        <source>从文库移除…</source>
        <translation>Remove from Library…</translation>
    </message>
    <message>
        <location filename="../../reader/ui/actions.py" line="141" />
        <source>从文库移除所选文档</source>
        <translation>Remove the selected document from the library</translation>
    </message>
    <message>
        <location filename="../../reader/ui/actions.py" line="142" />
        <source>退出</source>
        <translation>Quit</translation>
    </message>
    <message>
        <location filename="../../reader/ui/actions.py" line="142" />
        <source>关闭法规阅读器</source>
        <translation>Close RegReader</translation>
    </message>
    <message>
        <location filename="../../reader/ui/actions.py" line="143" />
        <source>复制（附引注）</source>
        <translation>Copy with Citation</translation>
    </message>
    <message>
        <location filename="../../reader/ui/actions.py" line="143" />
        <source>复制所选文字，后附出处，如《……》第十七条第二款</source>
        <translation>Copy the selection followed by its citation, e.g. 《…》第十七条第二款</translation>
    </message>
    <message>
        <location filename="../../reader/ui/actions.py" line="144" />
        <source>仅复制文字</source>
        <translation>Copy Text Only</translation>
    </message>
    <message>
        <location filename="../../reader/ui/actions.py" line="144" />
        <source>复制所选文字，不附出处</source>
        <translation>Copy the selection without a citation</translation>
    </message>
    <message>
        <location filename="../../reader/ui/actions.py" line="145" />
        <source>复制本条全文（附引注）</source>
        <translation>Copy Whole Article with Citation</translation>
    </message>
    <message>
        <location filename="../../reader/ui/actions.py" line="145" />
        <source>复制光标所在条文的全文及出处</source>
        <translation>Copy the whole article at the cursor with its citation</translation>
    </message>
    <message>
        <location filename="../../reader/ui/actions.py" line="146" />
        <source>在文档中查找…</source>
        <translation>Find in Document…</translation>
    </message>
    <message>
        <location filename="../../reader/ui/actions.py" line="146" />
        <source>在当前文档中查找并标出所有匹配（Ctrl+F）</source>
        <translation>Find in this document and highlight every match (Ctrl+F)</translation>
    </message>
    <message>
        <location filename="../../reader/ui/actions.py" line="147" />
        <source>下一处</source>
        <translation>Next Match</translation>
    </message>
    <message>
        <location filename="../../reader/ui/actions.py" line="147" />
        <source>跳到下一处匹配（F3）</source>
        <translation>Go to the next match (F3)</translation>
    </message>
    <message>
        <location filename="../../reader/ui/actions.py" line="148" />
        <source>上一处</source>
        <translation>Previous Match</translation>
    </message>
    <message>
        <location filename="../../reader/ui/actions.py" line="148" />
        <source>跳到上一处匹配（Shift+F3）</source>
        <translation>Go to the previous match (Shift+F3)</translation>
    </message>
    <message>
        <location filename="../../reader/ui/actions.py" line="149" />
        <source>全库搜索…</source>
        <translation>Search Library…</translation>
    </message>
    <message>
        <location filename="../../reader/ui/actions.py" line="149" />
        <source>在整个文库中搜索（Ctrl+Shift+F）</source>
        <translation>Search the whole library (Ctrl+Shift+F)</translation>
    </message>
    <message>
        <location filename="../../reader/ui/actions.py" line="150" />
        <source>转到条文…</source>
        <translation>Go to Article…</translation>
    </message>
    <message>
        <location filename="../../reader/ui/actions.py" line="150" />
        <source>转到指定条文，如 43、第四十三条、第十七条第二款（Ctrl+G）</source>
        <translation>Go to an article, e.g. 43, 第四十三条, 第十七条第二款 (Ctrl+G)</translation>
    </message>
    <message>
        <location filename="../../reader/ui/actions.py" line="151" />
        <source>后退</source>
        <translation>Back</translation>
    </message>
    <message>
        <location filename="../../reader/ui/actions.py" line="151" />
        <source>回到上一个位置（Alt+←）</source>
        <translation>Back to the previous place (Alt+Left)</translation>
    </message>
    <message>
        <location filename="../../reader/ui/actions.py" line="152" />
        <source>前进</source>
        <translation>Forward</translation>
    </message>
    <message>
        <location filename="../../reader/ui/actions.py" line="152" />
        <source>前进到下一个位置（Alt+→）</source>
        <translation>Forward to the next place (Alt+Right)</translation>
    </message>
    <message>
        <location filename="../../reader/ui/actions.py" line="153" />
        <source>放大字号</source>
        <translation>Larger Text</translation>
    </message>
    <message>
        <location filename="../../reader/ui/actions.py" line="153" />
        <source>放大正文字号（Ctrl+=）</source>
        <translation>Make the text larger (Ctrl+=)</translation>
    </message>
    <message>
        <location filename="../../reader/ui/actions.py" line="154" />
        <source>缩小字号</source>
        <translation>Smaller Text</translation>
    </message>
    <message>
        <location filename="../../reader/ui/actions.py" line="154" />
        <source>缩小正文字号（Ctrl+-）</source>
        <translation>Make the text smaller (Ctrl+-)</translation>
    </message>
    <message>
        <location filename="../../reader/ui/actions.py" line="155" />
        <source>默认字号</source>
        <translation>Default Text Size</translation>
    </message>
    <message>
        <location filename="../../reader/ui/actions.py" line="155" />
        <source>恢复默认字号（Ctrl+0）</source>
        <translation>Back to the default text size (Ctrl+0)</translation>
    </message>
    <message>
        <location filename="../../reader/ui/actions.py" line="156" />
        <source>展开全部目录</source>
        <translation>Expand All Contents</translation>
    </message>
    <message>
        <location filename="../../reader/ui/actions.py" line="156" />
        <source>展开目录中的全部条目</source>
        <translation>Expand every entry of the contents</translation>
    </message>
    <message>
        <location filename="../../reader/ui/actions.py" line="157" />
        <source>折叠全部目录</source>
        <translation>Collapse All Contents</translation>
    </message>
    <message>
        <location filename="../../reader/ui/actions.py" line="157" />
        <source>折叠目录中的全部条目</source>
        <translation>Collapse every entry of the contents</translation>
    </message>
    <message>
        <location filename="../../reader/ui/actions.py" line="158" />
        <source>深色模式</source>
        <translation>Dark Mode</translation>
    </message>
    <message>
        <location filename="../../reader/ui/actions.py" line="158" />
        <source>在浅色与深色外观之间切换</source>
        <translation>Switch between the light and dark appearance</translation>
    </message>
    <message>
        <location filename="../../reader/ui/actions.py" line="159" />
        <source>转到文库</source>
        <translation>Go to Library</translation>
    </message>
    <message>
        <location filename="../../reader/ui/actions.py" line="159" />
        <source>把键盘焦点移到文库列表（Ctrl+1）</source>
        <translation>Move the keyboard focus to the library list (Ctrl+1)</translation>
    </message>
    <message>
        <location filename="../../reader/ui/actions.py" line="160" />
        <source>转到目录</source>
        <translation>Go to Contents</translation>
    </message>
    <message>
        <location filename="../../reader/ui/actions.py" line="160" />
        <source>把键盘焦点移到目录（Ctrl+2）</source>
        <translation>Move the keyboard focus to the contents (Ctrl+2)</translation>
    </message>
    <message>
        <location filename="../../reader/ui/actions.py" line="161" />
        <source>转到正文</source>
        <translation>Go to Text</translation>
    </message>
    <message>
        <location filename="../../reader/ui/actions.py" line="161" />
        <source>把键盘焦点移到正文（Ctrl+3）</source>
        <translation>Move the keyboard focus to the text (Ctrl+3)</translation>
    </message>
    <message>
        <location filename="../../reader/ui/actions.py" line="162" />
        <source>筛选文库…</source>
        <translation>Filter Library…</translation>
    </message>
    <message>
        <location filename="../../reader/ui/actions.py" line="162" />
        <source>把键盘焦点移到文库筛选框（Ctrl+L）</source>
        <translation>Move the keyboard focus to the library filter (Ctrl+L)</translation>
    </message>
    <message>
        <location filename="../../reader/ui/actions.py" line="163" />
        <source>快捷键</source>
        <translation>Keyboard Shortcuts</translation>
    </message>
    <message>
        <location filename="../../reader/ui/actions.py" line="163" />
        <source>列出全部快捷键</source>
        <translation>List every keyboard shortcut</translation>
    </message>
    <message>
        <location filename="../../reader/ui/actions.py" line="164" />
        <source>关于法规阅读器</source>
        <translation>About RegReader</translation>
    </message>
    <message>
        <location filename="../../reader/ui/actions.py" line="164" />
        <source>版本与说明</source>
        <translation>Version and notes</translation>
    </message>
</context>
</TS>