<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AboutDialog</name>
    <message>
        <source>About Privacy Dashboard</source>
        <translation>关于隐私仪表盘</translation>
    </message>
    <message>
        <source>Privacy Dashboard — see and control what shops hold about you.</source>
        <translation>隐私仪表盘：查看并管理商城保存的您的个人信息。</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>版本</translation>
    </message>
    <message>
        <source>Qt</source>
        <translation>Qt</translation>
    </message>
    <message>
        <source>Python</source>
        <translation>Python</translation>
    </message>
    <message>
        <source>System</source>
        <translation>系统</translation>
    </message>
    <message>
        <source> (bundle)</source>
        <translation>（独立安装包）</translation>
    </message>
    <message>
        <source>Shops and data</source>
        <translation>商城与数据</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>Sign-ins kept in</source>
        <translation>登录状态保存在</translation>
    </message>
    <message>
        <source>the system keychain ({0})</source>
        <translation>系统钥匙串（{0}）</translation>
    </message>
    <message>
        <source>the system keychain</source>
        <translation>系统钥匙串</translation>
    </message>
    <message>
        <source>memory only (no system keychain)</source>
        <translation>仅在内存中（没有系统钥匙串）</translation>
    </message>
    <message>
        <source>Copy diagnostics</source>
        <translation>复制诊断信息</translation>
    </message>
    <message>
        <source>Diagnostics copied: paste them into your support ticket.</source>
        <translation>诊断信息已复制：请粘贴到您的支持工单中。</translation>
    </message>
</context>
<context>
    <name>AccessForm</name>
    <message>
        <source>Optional: anything the shop should know</source>
        <translation>选填：希望商城了解的其他情况</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Note (optional)</source>
        <translation>备注（选填）</translation>
    </message>
    <message>
        <source>Ask for a copy of everything the shop holds about you. The shop prepares an archive you can download here, checksummed and signed.</source>
        <translation>申请获取商城保存的您全部个人信息的副本。商城会准备一份带校验和与签名的数据档案，您可以在这里下载。</translation>
    </message>
    <message>
        <source>The note</source>
        <translation>备注</translation>
    </message>
</context>
<context>
    <name>AccessLogPage</name>
    <message>
        <source>Who accessed my data</source>
        <translation>谁访问了我的信息</translation>
    </message>
    <message>
        <source>Log integrity</source>
        <translation>记录完整性</translation>
    </message>
    <message>
        <source>Check again</source>
        <translation>重新检查</translation>
    </message>
    <message>
        <source>Newest first</source>
        <translation>最新在前</translation>
    </message>
    <message>
        <source>Oldest first</source>
        <translation>最早在前</translation>
    </message>
    <message>
        <source>Order of the log</source>
        <translation>记录排序</translation>
    </message>
    <message>
        <source>Every look at your data and every change is written here, including this app&apos;s own reads, which are grouped per visit: click a group to see each entry. Assisted sessions are highlighted.</source>
        <translation>每次查看和每次更改您的信息都记录在这里，包括本应用自己的读取；这些读取按每次使用分组：点击一组即可查看其中每条记录。协助会话以醒目颜色标出。</translation>
    </message>
    <message>
        <source>Show entries made by</source>
        <translation>显示谁的记录</translation>
    </message>
    <message>
        <source>Everyone</source>
        <translation>所有人</translation>
    </message>
    <message>
        <source>Show entries about</source>
        <translation>显示关于哪类信息的记录</translation>
    </message>
    <message>
        <source>Anything</source>
        <translation>全部信息</translation>
    </message>
    <message>
        <source>Access log</source>
        <translation>访问记录</translation>
    </message>
    <message>
        <source>Try again</source>
        <translation>重试</translation>
    </message>
    <message>
        <source>Assisted sessions</source>
        <translation>协助会话</translation>
    </message>
    <message>
        <source>Talking to the shop&apos;s customer service? An agent can look at your data for a short time with a one-time code that you create here.</source>
        <translation>正在联系商城客服？您在这里生成一次性协助码后，客服可在短时间内查看您的信息。</translation>
    </message>
    <message>
        <source>Create an assist code</source>
        <translation>生成协助码</translation>
    </message>
    <message>
        <source>Assist code</source>
        <translation>协助码</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <source>Copy the assist code</source>
        <translation>复制协助码</translation>
    </message>
    <message>
        <source>Give this code only to an agent you contacted; it works once, for 10 minutes.</source>
        <translation>请只把此码告诉您主动联系的客服人员；它只能使用一次，10 分钟内有效。</translation>
    </message>
    <message>
        <source>More entries could not be loaded: {0}</source>
        <translation>无法加载更多记录：{0}</translation>
    </message>
    <message>
        <source>Checking the log&apos;s chain of fingerprints…</source>
        <translation>正在校验记录的指纹链…</translation>
    </message>
    <message>
        <source>The log&apos;s chain could not be checked: {0}</source>
        <translation>无法校验记录的指纹链：{0}</translation>
    </message>
    <message>
        <source>The shop&apos;s record of who looked at your data does not match what was written at the time. Someone changed or removed entries. Keep a screenshot and consider a complaint (Requests page).</source>
        <translation>商城保存的访问记录与当时写入的内容不一致，有人修改或删除了记录。请截图留存，并考虑提出投诉（见“申请”页面）。</translation>
    </message>
    <message>
        <source>… and {0} more problems</source>
        <translation>…另有 {0} 个问题</translation>
    </message>
    <message>
        <source>End now</source>
        <translation>立即结束</translation>
    </message>
    <message>
        <source>End the session of {0} now</source>
        <translation>立即结束 {0} 的会话</translation>
    </message>
    <message>
        <source>No agent has had access to your data through an assist code.</source>
        <translation>尚无客服人员通过协助码访问过您的信息。</translation>
    </message>
    <message numerus="yes">
        <source>%n active session(s). An agent sees your data only while a session is active; every look is in the log above.</source>
        <translation>
            <numerusform>%n 个进行中的会话。客服人员只能在会话进行期间查看您的信息；每次查看都记录在上方。</numerusform>
        </translation>
    </message>
    <message>
        <source>The session of {0} was ended.</source>
        <translation>已结束 {0} 的会话。</translation>
    </message>
    <message>
        <source>The session could not be ended: {0}</source>
        <translation>无法结束会话：{0}</translation>
    </message>
    <message>
        <source>Create a new assist code</source>
        <translation>生成新的协助码</translation>
    </message>
    <message>
        <source>No code was created: {0}</source>
        <translation>未能生成协助码：{0}</translation>
    </message>
    <message>
        <source>Your customer number: {0}</source>
        <translation>您的客户编号：{0}</translation>
    </message>
    <message>
        <source>This code was used by {0} at {1} and no longer works. Create a new one if needed.</source>
        <translation>此协助码已于 {1} 被 {0} 使用，不再有效。如有需要，请重新生成。</translation>
    </message>
    <message>
        <source>This code has expired. Create a new one if needed.</source>
        <translation>此协助码已过期。如有需要，请重新生成。</translation>
    </message>
    <message>
        <source>Assist code copied.</source>
        <translation>协助码已复制。</translation>
    </message>
    <message>
        <source>Agent</source>
        <translation>客服人员</translation>
    </message>
    <message>
        <source>Assisted session</source>
        <translation>协助会话</translation>
    </message>
    <message>
        <source>Assisted session, ended at {0}</source>
        <translation>协助会话，已于 {0} 结束</translation>
    </message>
    <message>
        <source>Assisted session, which you ended at {0}</source>
        <translation>协助会话，您已于 {0} 结束</translation>
    </message>
    <message>
        <source>Changed</source>
        <translation>修改</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>创建</translation>
    </message>
    <message>
        <source>Deleted</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Active until {0}</source>
        <translation>进行中，至 {0}</translation>
    </message>
    <message>
        <source>Ended {0}</source>
        <translation>已于 {0} 结束</translation>
    </message>
    <message>
        <source>Started an assisted session</source>
        <translation>开始协助会话</translation>
    </message>
    <message>
        <source>System</source>
        <translation>系统</translation>
    </message>
    <message>
        <source>The agent saw {0}</source>
        <translation>客服查看了{0}</translation>
    </message>
    <message>
        <source>The assisted session was ended</source>
        <translation>协助会话已结束</translation>
    </message>
    <message>
        <source>The shop</source>
        <translation>商城</translation>
    </message>
    <message>
        <source>The shop ({0})</source>
        <translation>商城（{0}）</translation>
    </message>
    <message>
        <source>This app, for you</source>
        <translation>本应用（代您读取）</translation>
    </message>
    <message>
        <source>Viewed</source>
        <translation>查看</translation>
    </message>
    <message>
        <source>While you used this app it read {0}</source>
        <translation>您使用本应用期间，它读取了{0}</translation>
    </message>
    <message>
        <source>You</source>
        <translation>您本人</translation>
    </message>
    <message>
        <source>You ended the assisted session</source>
        <translation>您结束了协助会话</translation>
    </message>
    <message>
        <source>Your guardian {0}</source>
        <translation>您的监护人 {0}</translation>
    </message>
    <message>
        <source>nothing yet</source>
        <translation>暂无内容</translation>
    </message>
    <message>
        <source>a consent receipt</source>
        <translation>一份同意凭证</translation>
    </message>
    <message>
        <source>an assist code</source>
        <translation>一个协助码</translation>
    </message>
    <message>
        <source>an assisted session</source>
        <translation>一次协助会话</translation>
    </message>
    <message>
        <source>an entry does not follow the one before it</source>
        <translation>某条记录与上一条衔接不上</translation>
    </message>
    <message>
        <source>an entry is malformed</source>
        <translation>某条记录格式有误</translation>
    </message>
    <message>
        <source>an entry was changed after it was written</source>
        <translation>某条记录在写入后被修改</translation>
    </message>
    <message>
        <source>automated decisions about you</source>
        <translation>涉及您的自动化决策</translation>
    </message>
    <message>
        <source>entries are missing</source>
        <translation>有记录缺失</translation>
    </message>
    <message>
        <source>entries are out of order or repeated</source>
        <translation>记录顺序错乱或重复</translation>
    </message>
    <message>
        <source>notices from the shop</source>
        <translation>商城的通知</translation>
    </message>
    <message>
        <source>one of your orders</source>
        <translation>您的一笔订单</translation>
    </message>
    <message>
        <source>the latest entry differs from the one the shop pinned</source>
        <translation>最新一条记录与商城固定的记录不一致</translation>
    </message>
    <message>
        <source>the privacy policy</source>
        <translation>隐私政策</translation>
    </message>
    <message>
        <source>this access log</source>
        <translation>本访问记录</translation>
    </message>
    <message>
        <source>unknown problem</source>
        <translation>未知问题</translation>
    </message>
    <message>
        <source>what a recipient received</source>
        <translation>某个接收方收到的信息</translation>
    </message>
    <message>
        <source>what data the shop holds about you</source>
        <translation>商城保存的您的信息类别</translation>
    </message>
    <message>
        <source>who received your data</source>
        <translation>哪些接收方收到了您的信息</translation>
    </message>
    <message>
        <source>your account details</source>
        <translation>您的账户信息</translation>
    </message>
    <message>
        <source>your activity over time</source>
        <translation>您的活动趋势</translation>
    </message>
    <message>
        <source>your consent history</source>
        <translation>您的同意历史</translation>
    </message>
    <message>
        <source>Guardian</source>
        <translation>监护人</translation>
    </message>
    <message>
        <source>Opened your dashboard as your guardian</source>
        <translation>以您的监护人身份打开了您的数据面板</translation>
    </message>
    <message>
        <source>Closed their account, which ended your guardian link</source>
        <translation>注销了本人账户，您与其的监护关系随之终止</translation>
    </message>
    <message>
        <source>your assisted sessions</source>
        <translation>您的协助会话</translation>
    </message>
    <message>
        <source>your consents</source>
        <translation>您的同意设置</translation>
    </message>
    <message>
        <source>one of your consents</source>
        <translation>您的一项授权同意</translation>
    </message>
    <message>
        <source>one of your subscriptions</source>
        <translation>您的一项营销订阅</translation>
    </message>
    <message>
        <source>your cookie choices</source>
        <translation>您的 Cookie 选择</translation>
    </message>
    <message>
        <source>your devices</source>
        <translation>您的设备</translation>
    </message>
    <message>
        <source>an automated decision about you</source>
        <translation>一项与您有关的自动化决策</translation>
    </message>
    <message>
        <source>your requests about decisions</source>
        <translation>您关于自动化决策的申请</translation>
    </message>
    <message>
        <source>a copy of your data</source>
        <translation>您的数据副本</translation>
    </message>
    <message>
        <source>a version of the privacy policy</source>
        <translation>隐私政策的一个版本</translation>
    </message>
    <message>
        <source>a summary of your data</source>
        <translation>您的数据概览</translation>
    </message>
    <message>
        <source>a recipient of your data</source>
        <translation>您数据的一个接收方</translation>
    </message>
    <message>
        <source>one of your privacy requests</source>
        <translation>您的一项个人信息申请</translation>
    </message>
    <message>
        <source>the result of one of your requests</source>
        <translation>您一项申请的结果</translation>
    </message>
    <message>
        <source>your rights at this shop</source>
        <translation>您在本商城的权利</translation>
    </message>
    <message>
        <source>an entry of your browsing history</source>
        <translation>一条浏览记录</translation>
    </message>
    <message>
        <source>your interest tags</source>
        <translation>您的兴趣标签</translation>
    </message>
    <message>
        <source>one of your interest tags</source>
        <translation>您的一个兴趣标签</translation>
    </message>
    <message>
        <source>your customer-service records</source>
        <translation>您的客服通信记录</translation>
    </message>
    <message>
        <source>the shop&apos;s impact assessments</source>
        <translation>商城的个人信息安全影响评估</translation>
    </message>
    <message>
        <source>security incident notices</source>
        <translation>安全事件告知</translation>
    </message>
    <message>
        <source>a security incident notice</source>
        <translation>一份安全事件告知</translation>
    </message>
    <message>
        <source>guardian links</source>
        <translation>监护关系</translation>
    </message>
    <message>
        <source>a guardian&apos;s view of a ward&apos;s data</source>
        <translation>监护人查看被监护人数据的会话</translation>
    </message>
    <message>
        <source>a guardian&apos;s consent to an account</source>
        <translation>监护人对账户的同意</translation>
    </message>
    <message>
        <source>other information in your account</source>
        <translation>您账户中的其他信息</translation>
    </message>
    <message>
        <source>Your account and its data</source>
        <translation>账户及其数据</translation>
    </message>
    <message>
        <source>Browsing history and interests</source>
        <translation>浏览记录与兴趣</translation>
    </message>
    <message>
        <source>Orders</source>
        <translation>订单</translation>
    </message>
    <message>
        <source>Consents, subscriptions and cookies</source>
        <translation>授权同意、订阅与 Cookie</translation>
    </message>
    <message>
        <source>Sharing with others</source>
        <translation>对外共享</translation>
    </message>
    <message>
        <source>Automated decisions</source>
        <translation>自动化决策</translation>
    </message>
    <message>
        <source>Requests and copies of your data</source>
        <translation>申请与数据副本</translation>
    </message>
    <message>
        <source>Notices, the policy and this log</source>
        <translation>通知、隐私政策与本记录</translation>
    </message>
    <message>
        <source>You (changes)</source>
        <translation>您本人（更改）</translation>
    </message>
    <message>
        <source>This app (reads for you)</source>
        <translation>本应用（代您读取）</translation>
    </message>
    <message>
        <source>Customer service agents</source>
        <translation>客服人员</translation>
    </message>
    <message>
        <source>Your guardian</source>
        <translation>您的监护人</translation>
    </message>
    <message>
        <source>Shop staff and systems</source>
        <translation>商城员工与系统</translation>
    </message>
    <message>
        <source>{0} · customer service agent</source>
        <translation>{0} · 客服人员</translation>
    </message>
    <message>
        <source>Expired {0}</source>
        <translation>已于 {0} 到期</translation>
    </message>
    <message>
        <source>your locations</source>
        <translation>您的位置信息</translation>
    </message>
    <message>
        <source>your orders</source>
        <translation>您的订单</translation>
    </message>
    <message>
        <source>your personalisation settings</source>
        <translation>您的个性化推荐设置</translation>
    </message>
    <message>
        <source>your privacy requests</source>
        <translation>您的隐私申请</translation>
    </message>
    <message>
        <source>your search and browsing history</source>
        <translation>您的搜索和浏览记录</translation>
    </message>
    <message>
        <source>your sign-in records</source>
        <translation>您的登录记录</translation>
    </message>
    <message>
        <source>your subscriptions</source>
        <translation>您的订阅</translation>
    </message>
    <message>
        <source>✓ The log&apos;s chain of fingerprints is intact ({0} entries)</source>
        <translation>✓ 记录的指纹链完整（共 {0} 条）</translation>
    </message>
    <message>
        <source>✗ The log has been altered ({0})</source>
        <translation>✗ 记录已被篡改（{0}）</translation>
    </message>
    <message>
        <source>✗ The log has been altered at entry #{0} ({1})</source>
        <translation>✗ 记录在第 {0} 条处被篡改（{1}）</translation>
    </message>
    <message numerus="yes">
        <source>{0} and %n more</source>
        <translation>
            <numerusform>{0}等 %n 项</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>You used this app: %n reads</source>
        <translation>
            <numerusform>您使用了本应用：读取 %n 次</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Click to hide these %n entries</source>
        <translation>
            <numerusform>点击收起这 %n 条记录</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Click to show these %n entries</source>
        <translation>
            <numerusform>点击展开这 %n 条记录</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Group of %n entries</source>
        <translation>
            <numerusform>一组 %n 条记录</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>AccountCancellationForm</name>
    <message>
        <source>Warning: cancelling your account cannot be undone. You will be signed out, your profile, history and preferences are deleted or anonymised, and you can no longer see your orders or file requests with this account.</source>
        <translation>警告：注销账户后无法恢复。您将退出登录，您的个人资料、历史记录和偏好设置将被删除或匿名化，并且无法再用此账户查看订单或提交申请。</translation>
    </message>
    <message>
        <source>Optional: why you are leaving</source>
        <translation>选填：您离开的原因</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>I understand that my account will be closed for good</source>
        <translation>我了解我的账户将被永久注销</translation>
    </message>
    <message>
        <source>Close your account at this shop.</source>
        <translation>注销您在此商城的账户。</translation>
    </message>
    <message>
        <source>Tick the box to confirm you want to close the account.</source>
        <translation>请勾选复选框，确认您要注销账户。</translation>
    </message>
    <message>
        <source>The reason</source>
        <translation>原因</translation>
    </message>
</context>
<context>
    <name>ActivityChart</name>
    <message>
        <source>Activity over time</source>
        <translation>活动趋势</translation>
    </message>
    <message>
        <source>No activity in this period.</source>
        <translation>此期间没有活动。</translation>
    </message>
    <message>
        <source>{0} searches and {1} product views in this period.</source>
        <translation>此期间共 {0} 次搜索、{1} 次商品浏览。</translation>
    </message>
    <message>
        <source>Searches</source>
        <translation>搜索</translation>
    </message>
    <message>
        <source>Product views</source>
        <translation>商品浏览</translation>
    </message>
</context>
<context>
    <name>AddShopDialog</name>
    <message>
        <source>Add a shop</source>
        <translation>添加商城</translation>
    </message>
    <message>
        <source>Enter the address of the shop&apos;s privacy service, e.g. https://shop.example</source>
        <translation>输入商城隐私服务的地址，例如 https://shop.example</translation>
    </message>
    <message>
        <source>Shop address</source>
        <translation>商城地址</translation>
    </message>
    <message>
        <source>Shops on this computer</source>
        <translation>本机上的商城</translation>
    </message>
    <message>
        <source>Or pick a shop running on this computer:</source>
        <translation>或选择在本机上运行的商城：</translation>
    </message>
    <message>
        <source>Enter an address first.</source>
        <translation>请先输入地址。</translation>
    </message>
</context>
<context>
    <name>ArchiveOpener</name>
    <message>
        <source>Open archive</source>
        <translation>打开数据档案</translation>
    </message>
    <message>
        <source>Checking the archive…</source>
        <translation>正在检查数据档案…</translation>
    </message>
    <message>
        <source>Showing the archive {0}</source>
        <translation>正在显示数据档案 {0}</translation>
    </message>
    <message>
        <source>Checking the archive… {0}%</source>
        <translation>正在检查数据档案… {0}%</translation>
    </message>
    <message>
        <source>Encrypted archive</source>
        <translation>加密的数据档案</translation>
    </message>
    <message>
        <source>The passphrase was wrong. Try again:</source>
        <translation>密码错误，请重试：</translation>
    </message>
    <message>
        <source>This archive is encrypted. Enter its passphrase:</source>
        <translation>此数据档案已加密，请输入密码：</translation>
    </message>
    <message>
        <source>The shop&apos;s key file</source>
        <translation>商城的密钥文件</translation>
    </message>
</context>
<context>
    <name>ArchiveReport</name>
    <message>
        <source>Created: {0}</source>
        <translation>创建时间：{0}</translation>
    </message>
    <message>
        <source>Encrypted: {0}</source>
        <translation>已加密：{0}</translation>
    </message>
    <message>
        <source>Files checked: {0}</source>
        <translation>已检查文件：{0}</translation>
    </message>
    <message>
        <source>Made by: {0}</source>
        <translation>生成方：{0}</translation>
    </message>
    <message>
        <source>OK: the archive passed every check.</source>
        <translation>正常：数据档案通过了所有检查。</translation>
    </message>
    <message>
        <source>Of: {0}</source>
        <translation>所属客户：{0}</translation>
    </message>
    <message>
        <source>Parts: {0}</source>
        <translation>包含部分：{0}</translation>
    </message>
    <message>
        <source>Problems found:</source>
        <translation>发现的问题：</translation>
    </message>
    <message>
        <source>Shop: {0}</source>
        <translation>商城：{0}</translation>
    </message>
    <message>
        <source>Signing key: {0}</source>
        <translation>签名密钥：{0}</translation>
    </message>
    <message>
        <source>checksums ✓</source>
        <translation>校验和 ✓</translation>
    </message>
    <message>
        <source>checksums ✗</source>
        <translation>校验和 ✗</translation>
    </message>
    <message>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <source>not signed</source>
        <translation>未签名</translation>
    </message>
    <message>
        <source>signature ✓ verified</source>
        <translation>签名 ✓ 已验证</translation>
    </message>
    <message>
        <source>signature ✗ NOT verified</source>
        <translation>签名 ✗ 未通过验证</translation>
    </message>
    <message>
        <source>the shop</source>
        <translation>商城</translation>
    </message>
    <message>
        <source>this app</source>
        <translation>本应用</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
</context>
<context>
    <name>ArchiveSections</name>
    <message>
        <source>Access log</source>
        <translation>访问记录</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>账户</translation>
    </message>
    <message>
        <source>Activity logs</source>
        <translation>活动日志</translation>
    </message>
    <message>
        <source>Assist sessions</source>
        <translation>协助会话</translation>
    </message>
    <message>
        <source>Automated decisions</source>
        <translation>自动化决策</translation>
    </message>
    <message>
        <source>Consent history</source>
        <translation>同意历史</translation>
    </message>
    <message>
        <source>Consents</source>
        <translation>同意</translation>
    </message>
    <message>
        <source>Cookies</source>
        <translation>Cookie</translation>
    </message>
    <message>
        <source>Data categories</source>
        <translation>数据类别</translation>
    </message>
    <message>
        <source>Data shared with partners</source>
        <translation>与合作方共享的信息</translation>
    </message>
    <message>
        <source>Deletion receipts</source>
        <translation>删除回执</translation>
    </message>
    <message>
        <source>Devices</source>
        <translation>设备</translation>
    </message>
    <message>
        <source>Explanations of automated decisions</source>
        <translation>自动化决策说明</translation>
    </message>
    <message>
        <source>Interest tags</source>
        <translation>兴趣标签</translation>
    </message>
    <message>
        <source>Locations</source>
        <translation>位置</translation>
    </message>
    <message>
        <source>Notices</source>
        <translation>公告</translation>
    </message>
    <message>
        <source>Orders</source>
        <translation>订单</translation>
    </message>
    <message>
        <source>Partners</source>
        <translation>合作方</translation>
    </message>
    <message>
        <source>Privacy policy versions</source>
        <translation>隐私政策版本</translation>
    </message>
    <message>
        <source>Privacy requests</source>
        <translation>隐私申请</translation>
    </message>
    <message>
        <source>Customer-service records</source>
        <translation>客服通信记录</translation>
    </message>
    <message>
        <source>Impact assessments</source>
        <translation>个人信息安全影响评估</translation>
    </message>
    <message>
        <source>Your rights here</source>
        <translation>您在此商城的权利</translation>
    </message>
    <message>
        <source>Security incident notices</source>
        <translation>安全事件告知</translation>
    </message>
    <message>
        <source>Guardians and wards</source>
        <translation>监护人与被监护人</translation>
    </message>
    <message>
        <source>Search and browsing records</source>
        <translation>搜索和浏览记录</translation>
    </message>
    <message>
        <source>Subscriptions</source>
        <translation>订阅</translation>
    </message>
</context>
<context>
    <name>ArchiveView</name>
    <message>
        <source>Archive of {0} at {1}, created {2} — {3} (read only)</source>
        <translation>{0} 在 {1} 的数据档案，创建于 {2} — {3}（只读）</translation>
    </message>
</context>
<context>
    <name>AssistDialog</name>
    <message>
        <source>Assist a customer</source>
        <translation>协助客户</translation>
    </message>
    <message>
        <source>Ask the customer to create an assist code in their app (on its “Who accessed my data” page) and read it to you. Everything you see or do is recorded in the customer&apos;s access log.</source>
        <translation>请客户在其应用的“谁访问了我的信息”页面生成协助码并告诉您。您查看或进行的一切操作都会记入该客户的访问记录。</translation>
    </message>
    <message>
        <source>Customer number, e.g. SM100001</source>
        <translation>客户编号，例如 SM100001</translation>
    </message>
    <message>
        <source>Customer number</source>
        <translation>客户编号</translation>
    </message>
    <message>
        <source>6-digit code</source>
        <translation>6 位数字码</translation>
    </message>
    <message>
        <source>Assist code</source>
        <translation>协助码</translation>
    </message>
    <message>
        <source>Case reason, e.g. ticket 4711: help with a deletion</source>
        <translation>协助原因，例如：工单 4711，协助删除信息</translation>
    </message>
    <message>
        <source>Case reason</source>
        <translation>协助原因</translation>
    </message>
    <message>
        <source>Open the customer&apos;s data</source>
        <translation>查看客户信息</translation>
    </message>
    <message>
        <source>Enter the customer number.</source>
        <translation>请输入客户编号。</translation>
    </message>
    <message>
        <source>The code has 6 digits.</source>
        <translation>协助码为 6 位数字。</translation>
    </message>
    <message>
        <source>Say why you are assisting (it is shown to the customer).</source>
        <translation>请说明协助原因（会向客户显示）。</translation>
    </message>
</context>
<context>
    <name>BackendView</name>
    <message>
        <source>Advertising</source>
        <translation>广告</translation>
    </message>
    <message>
        <source>Advertising by partners</source>
        <translation>合作伙伴的广告</translation>
    </message>
    <message>
        <source>Advertising by the shop itself</source>
        <translation>商店自己的广告</translation>
    </message>
    <message>
        <source>After you verify a request, it does not let the app follow it: the shop tells you by e-mail when it is done.</source>
        <translation>验证请求之后，应用无法继续跟踪它：办理完成时商店会通过电子邮件告诉您。</translation>
    </message>
    <message>
        <source>Analytics and reports</source>
        <translation>分析与报告</translation>
    </message>
    <message>
        <source>Consent changes get no signed receipt: the app keeps its own record with the shop&apos;s answer.</source>
        <translation>同意的更改没有签名回执：应用会自行记录，并保存商店的答复。</translation>
    </message>
    <message>
        <source>Essential for the service</source>
        <translation>提供服务所必需</translation>
    </message>
    <message>
        <source>Improving the service</source>
        <translation>改进服务</translation>
    </message>
    <message>
        <source>It does not list your orders, tracking, who received your data or automated decisions.</source>
        <translation>它不列出您的订单、跟踪记录、数据接收方或自动化决策。</translation>
    </message>
    <message>
        <source>Marketing e-mails</source>
        <translation>营销电子邮件</translation>
    </message>
    <message>
        <source>Marketing text messages</source>
        <translation>营销短信</translation>
    </message>
    <message>
        <source>Personalisation</source>
        <translation>个性化</translation>
    </message>
    <message>
        <source>The result does not come back through the app: the shop sends it to you directly.</source>
        <translation>结果不会通过应用返回：商店会直接发送给您。</translation>
    </message>
    <message>
        <source>The shop sends a code to {0}. It works for {1} minutes; after {2} wrong tries it stops working and you need a new one.</source>
        <translation>商店会向 {0} 发送验证码。验证码 {1} 分钟内有效；输错 {2} 次后即失效，需要重新获取。</translation>
    </message>
    <message>
        <source>This shop does not let the app follow a request after it is verified. The status shown is the shop&apos;s last answer here; the shop will tell you by e-mail when it is done.</source>
        <translation>请求验证之后，此商店不允许应用继续跟踪。这里显示的是商店最后一次的答复；办理完成时商店会通过电子邮件告诉您。</translation>
    </message>
    <message>
        <source>This shop&apos;s privacy center does not show what it holds about you; you can ask for a copy (Requests → Copy of my data).</source>
        <translation>此商店的隐私中心不显示它保存的关于您的数据；您可以申请一份副本（请求 → 我的数据副本）。</translation>
    </message>
    <message>
        <source>{0} runs Ethyca Fides.</source>
        <translation>{0} 使用 Ethyca Fides。</translation>
    </message>
</context>
<context>
    <name>Banner</name>
    <message>
        <source>Dismiss</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Dismiss this message</source>
        <translation>关闭这条消息</translation>
    </message>
    <message>
        <source>Warning</source>
        <translation>警告</translation>
    </message>
    <message>
        <source>Assist mode</source>
        <translation>协助模式</translation>
    </message>
    <message>
        <source>Guardian mode</source>
        <translation>监护人模式</translation>
    </message>
    <message>
        <source>Opened archive</source>
        <translation>已打开的存档</translation>
    </message>
    <message>
        <source>Information</source>
        <translation>信息</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>错误</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>离线</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>消息</translation>
    </message>
</context>
<context>
    <name>Columns</name>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>System</source>
        <translation>系统</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Significance</source>
        <translation>影响程度</translation>
    </message>
    <message>
        <source>Factor</source>
        <translation>因素</translation>
    </message>
    <message>
        <source>Weight</source>
        <translation>权重</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>操作者</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>What</source>
        <translation>访问内容</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>#</source>
        <translation>序号</translation>
    </message>
    <message>
        <source>Agent</source>
        <translation>客服人员</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>开始时间</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Published</source>
        <translation>发布日期</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>严重程度</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>版本</translation>
    </message>
    <message>
        <source>Assessed</source>
        <translation>评估日期</translation>
    </message>
    <message>
        <source>What was assessed</source>
        <translation>评估对象</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>变更</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>启用</translation>
    </message>
    <message>
        <source>Added</source>
        <translation>新增</translation>
    </message>
    <message>
        <source>Backups purged by</source>
        <translation>备份清除期限</translation>
    </message>
    <message>
        <source>Browser</source>
        <translation>浏览器</translation>
    </message>
    <message>
        <source>By</source>
        <translation>操作者</translation>
    </message>
    <message>
        <source>Carrier</source>
        <translation>运营商</translation>
    </message>
    <message>
        <source>Categories</source>
        <translation>数据类别</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Changed</source>
        <translation>变更</translation>
    </message>
    <message>
        <source>Confidence</source>
        <translation>置信度</translation>
    </message>
    <message>
        <source>Confirmed</source>
        <translation>确认时间</translation>
    </message>
    <message>
        <source>Coordinates</source>
        <translation>坐标</translation>
    </message>
    <message>
        <source>Country</source>
        <translation>国家/地区</translation>
    </message>
    <message>
        <source>Data-protection agreement</source>
        <translation>数据保护协议</translation>
    </message>
    <message>
        <source>Notice</source>
        <translation>告知通知</translation>
    </message>
    <message>
        <source>Data categories</source>
        <translation>数据类别</translation>
    </message>
    <message>
        <source>Data use</source>
        <translation>数据用途</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>说明</translation>
    </message>
    <message>
        <source>Device ID</source>
        <translation>设备 ID</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>截止日期</translation>
    </message>
    <message>
        <source>Editable</source>
        <translation>可编辑</translation>
    </message>
    <message>
        <source>Events</source>
        <translation>共享次数</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <source>Filed by</source>
        <translation>提交人</translation>
    </message>
    <message>
        <source>First seen</source>
        <translation>首次出现</translation>
    </message>
    <message>
        <source>First shared</source>
        <translation>首次共享</translation>
    </message>
    <message>
        <source>For someone else</source>
        <translation>为他人购买</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>分组</translation>
    </message>
    <message>
        <source>IP address</source>
        <translation>IP 地址</translation>
    </message>
    <message>
        <source>Identifiable</source>
        <translation>可识别</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>商品</translation>
    </message>
    <message>
        <source>Items</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>Kept for</source>
        <translation>保存期限</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>渠道</translation>
    </message>
    <message>
        <source>About</source>
        <translation>事由</translation>
    </message>
    <message>
        <source>Call length</source>
        <translation>通话时长</translation>
    </message>
    <message>
        <source>Last seen</source>
        <translation>最近出现</translation>
    </message>
    <message>
        <source>Last shared</source>
        <translation>最近共享</translation>
    </message>
    <message>
        <source>Legal basis</source>
        <translation>法律依据</translation>
    </message>
    <message>
        <source>Lifetime</source>
        <translation>有效期</translation>
    </message>
    <message>
        <source>Logistics partner</source>
        <translation>物流合作方</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>型号</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>No</source>
        <translation>否</translation>
    </message>
    <message>
        <source>Request</source>
        <translation>请求</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Notified</source>
        <translation>通知时间</translation>
    </message>
    <message>
        <source>Order</source>
        <translation>订单</translation>
    </message>
    <message>
        <source>Order number</source>
        <translation>订单号</translation>
    </message>
    <message>
        <source>Page visited</source>
        <translation>访问页面</translation>
    </message>
    <message>
        <source>Party</source>
        <translation>所属方</translation>
    </message>
    <message>
        <source>Place</source>
        <translation>地点</translation>
    </message>
    <message>
        <source>Placed</source>
        <translation>下单时间</translation>
    </message>
    <message>
        <source>Policy section</source>
        <translation>政策条款</translation>
    </message>
    <message>
        <source>Policy version</source>
        <translation>政策版本</translation>
    </message>
    <message>
        <source>Provider</source>
        <translation>提供者</translation>
    </message>
    <message>
        <source>Purpose</source>
        <translation>用途</translation>
    </message>
    <message>
        <source>Purposes</source>
        <translation>用途</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>Receipt</source>
        <translation>回执</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>收到时间</translation>
    </message>
    <message>
        <source>Recipient</source>
        <translation>接收方</translation>
    </message>
    <message>
        <source>Records</source>
        <translation>记录数</translation>
    </message>
    <message>
        <source>Removed</source>
        <translation>移除</translation>
    </message>
    <message>
        <source>Search query</source>
        <translation>搜索词</translation>
    </message>
    <message>
        <source>Section</source>
        <translation>部分</translation>
    </message>
    <message>
        <source>Sensitive</source>
        <translation>敏感</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>Shared at</source>
        <translation>共享时间</translation>
    </message>
    <message>
        <source>Shop</source>
        <translation>商城</translation>
    </message>
    <message>
        <source>Signature</source>
        <translation>签名</translation>
    </message>
    <message>
        <source>Since</source>
        <translation>起始时间</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Stored in</source>
        <translation>存储地</translation>
    </message>
    <message>
        <source>Subtotal</source>
        <translation>小计</translation>
    </message>
    <message>
        <source>Tag</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>Technology</source>
        <translation>技术</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>内容</translation>
    </message>
    <message>
        <source>The shop&apos;s answer</source>
        <translation>商店的答复</translation>
    </message>
    <message>
        <source>Tied consent</source>
        <translation>关联同意</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>合计</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Unit price</source>
        <translation>单价</translation>
    </message>
    <message>
        <source>Updated</source>
        <translation>更新时间</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>值</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>Your choice</source>
        <translation>您的选择</translation>
    </message>
</context>
<context>
    <name>CompareDialog</name>
    <message>
        <source>an item without a name</source>
        <translation>一个没有名称的条目</translation>
    </message>
    <message>
        <source>Compare archives</source>
        <translation>比较数据档案</translation>
    </message>
    <message>
        <source>Older archive</source>
        <translation>较早的数据档案</translation>
    </message>
    <message>
        <source>Newer archive</source>
        <translation>较新的数据档案</translation>
    </message>
    <message>
        <source>Passphrase of the older archive</source>
        <translation>较早数据档案的密码</translation>
    </message>
    <message>
        <source>Passphrase of the newer archive</source>
        <translation>较新数据档案的密码</translation>
    </message>
    <message>
        <source>Older archive:</source>
        <translation>较早的数据档案：</translation>
    </message>
    <message>
        <source>Passphrase (if encrypted):</source>
        <translation>密码（如已加密）：</translation>
    </message>
    <message>
        <source>Newer archive:</source>
        <translation>较新的数据档案：</translation>
    </message>
    <message>
        <source>Differences per section</source>
        <translation>各部分的差异</translation>
    </message>
    <message>
        <source>Differences in the selected section</source>
        <translation>所选部分中的差异</translation>
    </message>
    <message>
        <source>Choose two archives and press Compare; then select a section above to see what was added, removed or changed in it.</source>
        <translation>选择两个数据档案并点击“比较”，然后在上方选择一个部分，即可查看其中新增、删除或更改的内容。</translation>
    </message>
    <message>
        <source>Compare</source>
        <translation>比较</translation>
    </message>
    <message>
        <source>Choose both archives.</source>
        <translation>请选择两个数据档案。</translation>
    </message>
    <message>
        <source>Comparing…</source>
        <translation>正在比较…</translation>
    </message>
    <message>
        <source>No differences.</source>
        <translation>没有差异。</translation>
    </message>
    <message>
        <source>Differences found.</source>
        <translation>发现差异。</translation>
    </message>
    <message>
        <source>Only in the older archive: {0}</source>
        <translation>仅在较早的数据档案中：{0}</translation>
    </message>
    <message>
        <source>Only in the newer archive: {0}</source>
        <translation>仅在较新的数据档案中：{0}</translation>
    </message>
    <message>
        <source>{0}: {1} unchanged</source>
        <translation>{0}：{1} 条未更改</translation>
    </message>
    <message>
        <source>Added:</source>
        <translation>新增：</translation>
    </message>
    <message>
        <source>Removed:</source>
        <translation>移除：</translation>
    </message>
    <message>
        <source>Changed:</source>
        <translation>变更：</translation>
    </message>
</context>
<context>
    <name>ComplaintForm</name>
    <message>
        <source>Complaint text</source>
        <translation>投诉内容</translation>
    </message>
    <message>
        <source>What went wrong, and what you ask the shop to do</source>
        <translation>出了什么问题，您希望商城如何处理</translation>
    </message>
    <message>
        <source>Related request</source>
        <translation>相关申请</translation>
    </message>
    <message>
        <source>No related request</source>
        <translation>无相关申请</translation>
    </message>
    <message>
        <source>Draft from the record</source>
        <translation>根据记录起草</translation>
    </message>
    <message>
        <source>Write a polite complaint from the related request&apos;s record</source>
        <translation>根据相关申请的记录，起草一份措辞礼貌的投诉</translation>
    </message>
    <message>
        <source>Complain to the shop&apos;s privacy team; a person answers in writing.</source>
        <translation>向商城的隐私团队投诉；将由工作人员书面答复。</translation>
    </message>
    <message>
        <source>Write what the complaint is about.</source>
        <translation>请填写投诉内容。</translation>
    </message>
    <message>
        <source>The complaint is too long: at most {0} characters.</source>
        <translation>投诉内容过长：最多 {0} 个字符。</translation>
    </message>
</context>
<context>
    <name>ConsentRow</name>
    <message>
        <source>Legal basis: {0}</source>
        <translation>法律依据：{0}</translation>
    </message>
    <message>
        <source>Required: needed to provide the service, so it cannot be switched off. The way out is cancelling your account (see Requests).</source>
        <translation>必需：提供服务离不开此项，因此无法关闭。如要终止，只能注销账户（见“申请”页面）。</translation>
    </message>
    <message>
        <source>Allowed</source>
        <translation>允许</translation>
    </message>
    <message>
        <source>Allow: {0}</source>
        <translation>允许：{0}</translation>
    </message>
    <message>
        <source>Needed for the service; cannot be switched off.</source>
        <translation>提供服务所必需，无法关闭。</translation>
    </message>
</context>
<context>
    <name>ConsentWithdrawalForm</name>
    <message>
        <source>Withdraw my consent to:</source>
        <translation>撤回我对以下事项的同意：</translation>
    </message>
    <message>
        <source>Consents to withdraw</source>
        <translation>要撤回的同意</translation>
    </message>
    <message>
        <source>You have no consent that can be withdrawn: the others are needed to provide the service (cancel the account to end them).</source>
        <translation>您没有可以撤回的同意：其余各项是提供服务所必需的（注销账户即可终止）。</translation>
    </message>
    <message>
        <source>Withdraw consents you gave; the shop confirms each with a signed receipt.</source>
        <translation>撤回您已给出的同意；商城会为每一项出具带签名的回执。</translation>
    </message>
    <message>
        <source>Choose at least one consent to withdraw.</source>
        <translation>请至少选择一项要撤回的同意。</translation>
    </message>
</context>
<context>
    <name>ConsentsPage</name>
    <message>
        <source>Consents &amp; subscriptions</source>
        <translation>同意与订阅</translation>
    </message>
    <message>
        <source>This shop lists no purposes, channels or cookies.</source>
        <translation>此商城未列出任何用途、渠道或 Cookie。</translation>
    </message>
    <message>
        <source>Consents</source>
        <translation>同意事项</translation>
    </message>
    <message>
        <source>History</source>
        <translation>历史记录</translation>
    </message>
    <message>
        <source>Marketing channels</source>
        <translation>营销渠道</translation>
    </message>
    <message>
        <source>Cookies &amp;&amp; tracking</source>
        <translation>Cookie 与跟踪</translation>
    </message>
    <message>
        <source>Every change of consent, with the privacy-policy version in force and the shop-signed receipt. Each receipt&apos;s signature is checked against the shop&apos;s published keys.</source>
        <translation>每一次同意的变更，以及当时生效的隐私政策版本和商城签名的回执。每张回执的签名都会用商城公布的密钥进行验证。</translation>
    </message>
    <message>
        <source>Consent history</source>
        <translation>同意历史</translation>
    </message>
    <message>
        <source>Copy receipt reference</source>
        <translation>复制回执编号</translation>
    </message>
    <message>
        <source>Copies the selected change&apos;s full receipt reference</source>
        <translation>复制所选变更的完整回执编号</translation>
    </message>
    <message>
        <source>Try again</source>
        <translation>重试</translation>
    </message>
    <message>
        <source>Select a change first.</source>
        <translation>请先选择一条变更。</translation>
    </message>
    <message>
        <source>Receipt {0} copied.</source>
        <translation>已复制回执 {0}。</translation>
    </message>
    <message>
        <source>Advertising messages by channel. Switching a channel off stops promotions through it; service messages about your orders still arrive.</source>
        <translation>按渠道管理广告消息。关闭某个渠道后，商城将不再通过它向您推送促销信息；与订单有关的服务消息仍会照常发送。</translation>
    </message>
    <message>
        <source>Cookies and similar technologies (Flash cookies, local storage, web beacons, pixel tags) the shop uses, and the consent each depends on.</source>
        <translation>商城使用的 Cookie 及类似技术（Flash Cookie、本地存储、网络信标、像素标签），以及每项技术所依赖的同意。</translation>
    </message>
    <message>
        <source>Group by:</source>
        <translation>分组方式：</translation>
    </message>
    <message>
        <source>Group cookies by</source>
        <translation>Cookie 分组方式</translation>
    </message>
    <message>
        <source>Technology</source>
        <translation>技术</translation>
    </message>
    <message>
        <source>Tied consent</source>
        <translation>关联同意</translation>
    </message>
    <message>
        <source>Party</source>
        <translation>所属方</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Cookies and tracking technologies</source>
        <translation>Cookie 和跟踪技术</translation>
    </message>
    <message>
        <source>Assisted session: consents are shown read-only. Only the shopper can change them.</source>
        <translation>协助会话：同意事项仅供查看，只有用户本人可以更改。</translation>
    </message>
    <message>
        <source>This shop lists no purposes that need your consent.</source>
        <translation>此商城未列出需要您同意的用途。</translation>
    </message>
    <message>
        <source>Your consents here follow the shop&apos;s policy ({0}): {1}</source>
        <translation>您在此的授权同意遵循商家的隐私政策（{0}）：{1}</translation>
    </message>
    <message>
        <source>You are changing {0}&apos;s consents as their guardian.</source>
        <translation>您正在以监护人身份修改{0}的授权同意。</translation>
    </message>
    <message>
        <source>The shop&apos;s policy ({0}): {1}</source>
        <translation>商家的隐私政策（{0}）：{1}</translation>
    </message>
    <message>
        <source>I am with {0} now</source>
        <translation>我此刻与{0}在一起</translation>
    </message>
    <message>
        <source>Receive advertising by {0}</source>
        <translation>通过{0}接收广告</translation>
    </message>
    <message>
        <source>{0}: {1}</source>
        <translation>{0}：{1}</translation>
    </message>
    <message>
        <source>on</source>
        <translation>开启</translation>
    </message>
    <message>
        <source>off</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>This shop offers no advertising channels to choose from.</source>
        <translation>本商城没有可供选择的广告推送渠道。</translation>
    </message>
    <message>
        <source>All channels are off: the shop sends you no advertising.</source>
        <translation>所有渠道均已关闭：商城不会向您推送广告。</translation>
    </message>
    <message>
        <source>Advertising may reach you through every channel: {0}.</source>
        <translation>所有渠道均已开启，商城可能通过以下渠道向您推送广告：{0}。</translation>
    </message>
    <message>
        <source>Advertising may reach you through: {0}. The other channels are off.</source>
        <translation>商城可能通过以下渠道向您推送广告：{0}。其他渠道已关闭。</translation>
    </message>
    <message>
        <source>Consent changed: {0}</source>
        <translation>同意已更改：{0}</translation>
    </message>
    <message>
        <source>The change was not saved: {0}</source>
        <translation>更改未保存：{0}</translation>
    </message>
    <message>
        <source>{0}: advertising switched on</source>
        <translation>{0}：已开启广告</translation>
    </message>
    <message>
        <source>{0}: advertising switched off</source>
        <translation>{0}：已关闭广告</translation>
    </message>
</context>
<context>
    <name>CorrectionDialog</name>
    <message>
        <source>Request a correction: {0}</source>
        <translation>申请更正：{0}</translation>
    </message>
    <message>
        <source>The shop does not let you change this field yourself. Ask it to correct the value: it has to answer within the legal deadline.</source>
        <translation>此项不能由您自行修改。您可以申请商城更正，商城须在法定期限内答复。</translation>
    </message>
    <message>
        <source>Field:</source>
        <translation>字段：</translation>
    </message>
    <message>
        <source>Where it came from:</source>
        <translation>来源：</translation>
    </message>
    <message>
        <source>(empty)</source>
        <translation>（空）</translation>
    </message>
    <message>
        <source>Current value:</source>
        <translation>当前值：</translation>
    </message>
    <message>
        <source>Proposed value for {0}</source>
        <translation>{0}的建议值</translation>
    </message>
    <message>
        <source>The correct value</source>
        <translation>正确的值</translation>
    </message>
    <message>
        <source>Proposed value:</source>
        <translation>建议值：</translation>
    </message>
    <message>
        <source>Note for the shop</source>
        <translation>给商城的备注</translation>
    </message>
    <message>
        <source>Optional: why the value is wrong</source>
        <translation>选填：该值为什么有误</translation>
    </message>
    <message>
        <source>Note:</source>
        <translation>备注：</translation>
    </message>
    <message>
        <source>File correction request</source>
        <translation>提交更正申请</translation>
    </message>
    <message>
        <source>Open Requests</source>
        <translation>查看申请</translation>
    </message>
    <message>
        <source>Open the Requests page</source>
        <translation>打开“申请”页面</translation>
    </message>
    <message>
        <source>Filing…</source>
        <translation>正在提交…</translation>
    </message>
    <message>
        <source>The shop cannot be reached. Your correction request is kept in the outbox and will be sent once the shop is back; you can follow it on the Requests page.</source>
        <translation>无法连接商城。您的更正申请已保存在发件箱中，商城恢复后将自动发送；您可以在“申请”页面跟进。</translation>
    </message>
    <message>
        <source>Your correction request was filed. The shop has to answer by {0}; you can follow it on the Requests page.</source>
        <translation>您的更正申请已提交。商家须在 {0} 前答复；您可在“申请”页面跟进。</translation>
    </message>
    <message>
        <source>Not filed: the shop did not accept what is marked above.</source>
        <translation>未提交：商店不接受上面标出的内容。</translation>
    </message>
    <message>
        <source>Not filed: {0}</source>
        <translation>未提交：{0}</translation>
    </message>
</context>
<context>
    <name>CorrectionForm</name>
    <message>
        <source>Field to correct</source>
        <translation>要更正的字段</translation>
    </message>
    <message>
        <source>Choose the field to correct…</source>
        <translation>请选择要更正的项目…</translation>
    </message>
    <message>
        <source>Current value</source>
        <translation>当前值</translation>
    </message>
    <message>
        <source>Proposed value</source>
        <translation>建议值</translation>
    </message>
    <message>
        <source>Note for the shop</source>
        <translation>给商店的备注</translation>
    </message>
    <message>
        <source>Optional: why the value is wrong</source>
        <translation>可选：说明原值为何有误</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Ask the shop to correct or complete a piece of your profile, also one you cannot edit yourself.</source>
        <translation>申请商城更正或补充您的某项资料，包括您无法自行编辑的项目。</translation>
    </message>
    <message>
        <source>(empty)</source>
        <translation>（空）</translation>
    </message>
    <message>
        <source>Confirm the correction</source>
        <translation>确认更正</translation>
    </message>
    <message>
        <source>Ask the shop to change {0}?</source>
        <translation>要请商店更改“{0}”吗？</translation>
    </message>
    <message>
        <source>Before: {0}
After:  {1}</source>
        <translation>更正前：{0}
更正后：{1}</translation>
    </message>
    <message>
        <source>File the correction</source>
        <translation>提交更正</translation>
    </message>
    <message>
        <source>Go back</source>
        <translation>返回修改</translation>
    </message>
    <message>
        <source>Choose the field to correct.</source>
        <translation>请选择要更正的字段。</translation>
    </message>
    <message>
        <source>The proposed value is the same as the current one.</source>
        <translation>建议值与当前值相同。</translation>
    </message>
    <message>
        <source>The note</source>
        <translation>备注</translation>
    </message>
</context>
<context>
    <name>Countdown</name>
    <message>
        <source>Expired</source>
        <translation>已过期</translation>
    </message>
    <message>
        <source>Expires in {0}:{1:02d}</source>
        <translation>{0}:{1:02d} 后过期</translation>
    </message>
</context>
<context>
    <name>DataPage</name>
    <message>
        <source>Nothing here yet.</source>
        <translation>暂无内容。</translation>
    </message>
    <message numerus="yes">
        <source>Only the newest %n are listed here; the shop holds more.</source>
        <translation>
            <numerusform>这里只列出最新的 %Ln 条；商店保存的更多。</numerusform>
        </translation>
    </message>
    <message>
        <source>Could not update this page: {0} Showing what was loaded at {1}.</source>
        <translation>无法更新本页：{0} 当前显示的是 {1} 加载的内容。</translation>
    </message>
    <message>
        <source>Sign in to a shop to see this page.</source>
        <translation>登录商店后即可查看本页。</translation>
    </message>
</context>
<context>
    <name>DateRangeDialog</name>
    <message>
        <source>Delete a date range</source>
        <translation>按日期范围删除</translation>
    </message>
    <message>
        <source>First day to delete</source>
        <translation>删除的开始日期</translation>
    </message>
    <message>
        <source>Last day to delete</source>
        <translation>删除的结束日期</translation>
    </message>
    <message>
        <source>From:</source>
        <translation>从：</translation>
    </message>
    <message>
        <source>To (inclusive):</source>
        <translation>到（含当天）：</translation>
    </message>
    <message>
        <source>Continue…</source>
        <translation>继续…</translation>
    </message>
    <message>
        <source>Every search and product view recorded on these days will be deleted.</source>
        <translation>这些日期内记录的所有搜索和商品浏览都将被删除。</translation>
    </message>
    <message>
        <source>The first day is after the last day.</source>
        <translation>开始日期晚于结束日期。</translation>
    </message>
</context>
<context>
    <name>DecisionForm</name>
    <message>
        <source>Decision</source>
        <translation>决策</translation>
    </message>
    <message>
        <source>Your point of view (optional)</source>
        <translation>您的意见（选填）</translation>
    </message>
    <message>
        <source>Why you think the decision is wrong</source>
        <translation>您认为该决策有误的理由</translation>
    </message>
    <message>
        <source>Your point of view</source>
        <translation>您的意见</translation>
    </message>
    <message>
        <source>Ask for a person at the shop to review an automated decision about you, and to answer in writing.</source>
        <translation>申请商城工作人员对涉及您的自动化决策进行人工复核，并书面答复。</translation>
    </message>
    <message>
        <source>Ask how an automated decision about you was made: its main factors, the data used and the model version.</source>
        <translation>询问涉及您的自动化决策是如何做出的：主要因素、所用数据和模型版本。</translation>
    </message>
    <message>
        <source>Choose a decision.</source>
        <translation>请选择一项决策。</translation>
    </message>
    <message>
        <source>Your statement</source>
        <translation>您的意见</translation>
    </message>
</context>
<context>
    <name>DecisionsPage</name>
    <message>
        <source>Automated decisions</source>
        <translation>自动化决策</translation>
    </message>
    <message>
        <source>No automated decision has affected you at this shop.</source>
        <translation>此商城未对您做出过自动化决策。</translation>
    </message>
    <message>
        <source>Decisions the shop&apos;s systems made about you without a person deciding. You can ask how a decision was made, and ask a person to review it.</source>
        <translation>商城系统在无人参与的情况下对您做出的决策。您可以申请解释说明决策是如何做出的，也可以申请人工复核。</translation>
    </message>
    <message>
        <source>Choose a decision to see how it was made.</source>
        <translation>选择一项决策，查看它是如何做出的。</translation>
    </message>
    <message>
        <source>Show orders</source>
        <translation>查看订单</translation>
    </message>
    <message>
        <source>Factors and their weight</source>
        <translation>各因素及其权重</translation>
    </message>
    <message>
        <source>Question this decision</source>
        <translation>对此决策提出异议</translation>
    </message>
    <message>
        <source>For a human review: your point of view (optional)</source>
        <translation>用于人工复核：您的意见（选填）</translation>
    </message>
    <message>
        <source>Your point of view for the human review</source>
        <translation>供人工复核参考的意见</translation>
    </message>
    <message>
        <source>Ask for an explanation</source>
        <translation>申请解释说明</translation>
    </message>
    <message>
        <source>Ask for human review</source>
        <translation>申请人工复核</translation>
    </message>
    <message>
        <source>Open the Requests page</source>
        <translation>打开“申请”页面</translation>
    </message>
    <message>
        <source>The shop&apos;s explanation</source>
        <translation>商城的解释说明</translation>
    </message>
    <message>
        <source>The full record could not be loaded: {0}</source>
        <translation>无法加载完整记录：{0}</translation>
    </message>
    <message>
        <source>{0} · significance: {1} · {2}</source>
        <translation>{0} · 影响程度：{1} · {2}</translation>
    </message>
    <message>
        <source>Model version: {0}</source>
        <translation>模型版本：{0}</translation>
    </message>
    <message>
        <source>Related to one of your orders.</source>
        <translation>与您的一笔订单有关。</translation>
    </message>
    <message>
        <source>Data it used:</source>
        <translation>使用了您的以下信息：</translation>
    </message>
    <message>
        <source>Data it used: none recorded</source>
        <translation>使用的信息：没有记录</translation>
    </message>
    <message>
        <source>Related order: {0}</source>
        <translation>相关订单：{0}</translation>
    </message>
    <message>
        <source>Related to an order that is no longer shown.</source>
        <translation>与一笔已不再显示的订单有关。</translation>
    </message>
    <message>
        <source>Open the page that shows this data</source>
        <translation>打开显示这些信息的页面</translation>
    </message>
    <message>
        <source>What was decided: {0} ({1}, {2})</source>
        <translation>决策内容：{0}（{1}，{2}）</translation>
    </message>
    <message>
        <source>How much each factor weighed:</source>
        <translation>各因素所占比重：</translation>
    </message>
    <message>
        <source>Which of your data it used: {0}</source>
        <translation>使用了您的哪些信息：{0}</translation>
    </message>
    <message>
        <source>none recorded</source>
        <translation>没有记录</translation>
    </message>
    <message>
        <source>How to contest it: if you think this decision is wrong, press “Ask for human review” above and say why. A person at the shop looks at it again, can change the outcome and answers in writing. You can also complain to the shop&apos;s privacy contact or to the regulator.</source>
        <translation>如何提出异议：如果您认为该决策有误，请点击上方的“申请人工复核”并说明理由。商城工作人员会重新审查，可以改变结果，并书面答复您。您也可以向商城的隐私联系人或监管机构投诉。</translation>
    </message>
    <message>
        <source>How to contest it: this shop does not offer a review by a person for this decision; you can complain to the shop&apos;s privacy contact or to the regulator.</source>
        <translation>如何提出异议：此商城不对该决策提供人工复核；您可以向商城的隐私联系人或监管机构投诉。</translation>
    </message>
    <message>
        <source>No related order.</source>
        <translation>无相关订单。</translation>
    </message>
    <message>
        <source>The explanation could not be loaded: {0}</source>
        <translation>无法加载解释说明：{0}</translation>
    </message>
    <message>
        <source>System: {0} · model version {1}</source>
        <translation>系统：{0} · 模型版本 {1}</translation>
    </message>
    <message>
        <source>Explanation requested on {0}: {1}</source>
        <translation>已于 {0} 申请解释说明：{1}</translation>
    </message>
    <message>
        <source>Human review requested on {0}: {1}</source>
        <translation>已于 {0} 申请人工复核：{1}</translation>
    </message>
    <message>
        <source>You have not asked about this decision yet.</source>
        <translation>您尚未就此决策提出申请。</translation>
    </message>
    <message>
        <source>A request of this kind is already open.</source>
        <translation>已有一项同类申请正在处理。</translation>
    </message>
    <message>
        <source>The shop cannot be reached. Your request is kept in the outbox and will be sent once the shop is back; follow it on the Requests page.</source>
        <translation>无法连接商城。您的申请已保存在发件箱中，商城恢复后将自动发送；请在“申请”页面跟进。</translation>
    </message>
    <message>
        <source>Request kept in the outbox.</source>
        <translation>申请已保存在发件箱中。</translation>
    </message>
    <message>
        <source>Your request was filed. The shop must answer by {0}; follow it on the Requests page.</source>
        <translation>您的申请已提交。商城须在 {0} 前答复；请在“申请”页面跟进。</translation>
    </message>
    <message>
        <source>Request filed.</source>
        <translation>申请已提交。</translation>
    </message>
    <message>
        <source>The request was not filed: {0}</source>
        <translation>申请未提交：{0}</translation>
    </message>
    <message>
        <source>A new delivery address</source>
        <translation>新的收货地址</translation>
    </message>
    <message>
        <source>A recently added card</source>
        <translation>最近添加的银行卡</translation>
    </message>
    <message>
        <source>Age check</source>
        <translation>年龄核验</translation>
    </message>
    <message>
        <source>Amount compared with your past orders</source>
        <translation>金额与您以往订单的对比</translation>
    </message>
    <message>
        <source>Blocked transaction</source>
        <translation>交易拦截</translation>
    </message>
    <message>
        <source>Categories you often look at</source>
        <translation>您常浏览的商品类目</translation>
    </message>
    <message>
        <source>Coupon eligibility</source>
        <translation>优惠券资格</translation>
    </message>
    <message>
        <source>Credit / pay-later eligibility</source>
        <translation>信用/先用后付资格</translation>
    </message>
    <message>
        <source>Days since your last order</source>
        <translation>距上次下单的天数</translation>
    </message>
    <message>
        <source>Delivery address changed after payment</source>
        <translation>付款后修改了收货地址</translation>
    </message>
    <message>
        <source>High</source>
        <translation>高</translation>
    </message>
    <message>
        <source>How long you have had the account</source>
        <translation>账户注册时长</translation>
    </message>
    <message>
        <source>How often you order</source>
        <translation>下单频率</translation>
    </message>
    <message>
        <source>How to contest it: if you think this decision is wrong, ask for a human review on the Automated decisions page and say why. A person at the shop looks at it again, can change the outcome and answers in writing. You can also complain to the shop&apos;s privacy contact or to the regulator.</source>
        <translation>如何提出异议：如果您认为该决策有误，请在“自动化决策”页面申请人工复核并说明理由。商城工作人员会重新审查，可以改变结果，并书面答复您。您也可以向商城的隐私联系人或监管机构投诉。</translation>
    </message>
    <message>
        <source>Low</source>
        <translation>低</translation>
    </message>
    <message>
        <source>Medium</source>
        <translation>中</translation>
    </message>
    <message>
        <source>Number of items in your basket</source>
        <translation>购物车中的商品数量</translation>
    </message>
    <message>
        <source>Order value</source>
        <translation>订单金额</translation>
    </message>
    <message>
        <source>Repayments made on time</source>
        <translation>按时还款记录</translation>
    </message>
    <message>
        <source>Risk flag</source>
        <translation>风险标记</translation>
    </message>
    <message>
        <source>Signing in at night</source>
        <translation>夜间登录</translation>
    </message>
    <message>
        <source>Signing in from a new device</source>
        <translation>在新设备上登录</translation>
    </message>
    <message>
        <source>Signing in from another city</source>
        <translation>在其他城市登录</translation>
    </message>
    <message>
        <source>What was shared with others</source>
        <translation>与他方共享的信息</translation>
    </message>
    <message>
        <source>What you browsed and searched</source>
        <translation>您的浏览和搜索记录</translation>
    </message>
    <message>
        <source>Your account details</source>
        <translation>您的账户信息</translation>
    </message>
    <message>
        <source>Your consents</source>
        <translation>您的同意记录</translation>
    </message>
    <message>
        <source>Your devices</source>
        <translation>您的设备</translation>
    </message>
    <message>
        <source>Your identity verification</source>
        <translation>您的实名认证</translation>
    </message>
    <message>
        <source>Your interest tags</source>
        <translation>您的兴趣标签</translation>
    </message>
    <message>
        <source>Your locations</source>
        <translation>您的位置信息</translation>
    </message>
    <message>
        <source>Your orders</source>
        <translation>您的订单</translation>
    </message>
    <message>
        <source>Your payments</source>
        <translation>您的支付记录</translation>
    </message>
    <message>
        <source>Your previous orders</source>
        <translation>您以往的订单</translation>
    </message>
    <message>
        <source>Your profile</source>
        <translation>您的个人资料</translation>
    </message>
    <message>
        <source>Your sign-in records</source>
        <translation>您的登录记录</translation>
    </message>
    <message>
        <source>canceled</source>
        <translation>已撤销</translation>
    </message>
    <message>
        <source>completed</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>denied</source>
        <translation>已拒绝</translation>
    </message>
    <message>
        <source>extended</source>
        <translation>已延期</translation>
    </message>
    <message>
        <source>in progress</source>
        <translation>处理中</translation>
    </message>
    <message>
        <source>received</source>
        <translation>待处理</translation>
    </message>
    <message>
        <source>waiting for identity verification</source>
        <translation>等待身份验证</translation>
    </message>
</context>
<context>
    <name>DeleteAllDialog</name>
    <message>
        <source>Delete all search and browsing history</source>
        <translation>删除全部搜索和浏览记录</translation>
    </message>
    <message>
        <source>This deletes every search and product view the shop has recorded for you, not only the ones shown. It cannot be undone. Recommendations based on your history will start from nothing.</source>
        <translation>这将删除商城为您记录的全部搜索和商品浏览，而不仅是当前显示的记录。此操作无法撤销。基于历史记录的推荐将从零开始。</translation>
    </message>
    <message>
        <source>I understand that my whole history will be deleted</source>
        <translation>我了解我的全部历史记录将被删除</translation>
    </message>
    <message>
        <source>Delete everything</source>
        <translation>全部删除</translation>
    </message>
</context>
<context>
    <name>DeletionForm</name>
    <message>
        <source>Delete everything in these categories:</source>
        <translation>删除以下类别中的全部信息：</translation>
    </message>
    <message>
        <source>Categories to delete</source>
        <translation>要删除的类别</translation>
    </message>
    <message>
        <source>The shop deletes the data and tells every partner that received it to delete it too; you will see each partner&apos;s confirmation here. Backups are cleaned at their next update, on the date the shop gives.</source>
        <translation>商城会删除这些信息，并通知所有接收过这些信息的合作方一并删除；您可以在这里看到每个合作方的确认。备份将在下次更新时清理，日期以商城告知为准。</translation>
    </message>
    <message>
        <source>Ground for deletion</source>
        <translation>删除理由</translation>
    </message>
    <message>
        <source>Optional: why (e.g. the data is no longer needed); required for “Other”</source>
        <translation>可选：原因（例如数据已不再需要）；选择“其他”时必填</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Ask the shop to delete categories of your data.</source>
        <translation>申请商城删除您某些类别的个人信息。</translation>
    </message>
    <message>
        <source>(not given)</source>
        <translation>（未填写）</translation>
    </message>
    <message>
        <source> — policy § {0}</source>
        <translation> — 政策第 {0} 条</translation>
    </message>
    <message>
        <source> — not stated in the policy</source>
        <translation> — 政策未载明</translation>
    </message>
    <message numerus="yes">
        <source>{0} (%Ln record(s))</source>
        <translation>
            <numerusform>{0}（%Ln 条记录）</numerusform>
        </translation>
    </message>
    <message>
        <source>Choose at least one category to delete.</source>
        <translation>请至少选择一个要删除的类别。</translation>
    </message>
    <message>
        <source>The reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Say which ground applies when you choose “Other”.</source>
        <translation>选择“其他”时，请说明具体理由。</translation>
    </message>
</context>
<context>
    <name>DiffView</name>
    <message>
        <source>Before:</source>
        <translation>更改前：</translation>
    </message>
    <message>
        <source>After:</source>
        <translation>更改后：</translation>
    </message>
    <message>
        <source>Before: {0}</source>
        <translation>更改前：{0}</translation>
    </message>
    <message>
        <source>After: {0}</source>
        <translation>更改后：{0}</translation>
    </message>
    <message>
        <source>(empty)</source>
        <translation>（空）</translation>
    </message>
</context>
<context>
    <name>EditFieldDialog</name>
    <message>
        <source>Edit {0}</source>
        <translation>编辑{0}</translation>
    </message>
    <message>
        <source>Field:</source>
        <translation>字段：</translation>
    </message>
    <message>
        <source>Now:</source>
        <translation>当前：</translation>
    </message>
    <message>
        <source>(empty)</source>
        <translation>（空）</translation>
    </message>
    <message>
        <source>New value for {0}</source>
        <translation>{0}的新值</translation>
    </message>
    <message>
        <source>New value:</source>
        <translation>新值：</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>正在保存…</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Not saved: the shop did not accept the new value.</source>
        <translation>未保存：商店不接受这个新值。</translation>
    </message>
    <message>
        <source>Not saved: {0}</source>
        <translation>未保存：{0}</translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <source>A data file in the archive is not valid.</source>
        <translation>数据档案中的某个数据文件无效。</translation>
    </message>
    <message>
        <source>A file in the archive has the wrong size: it was changed or damaged.</source>
        <translation>数据档案中某个文件的大小不对：文件已被更改或损坏。</translation>
    </message>
    <message>
        <source>A file in the archive is larger than allowed.</source>
        <translation>数据档案中的某个文件超出了允许的大小。</translation>
    </message>
    <message>
        <source>A file in the archive was changed or damaged (checksum mismatch).</source>
        <translation>数据档案中的某个文件已被更改或损坏（校验和不匹配）。</translation>
    </message>
    <message>
        <source>A file the archive lists is missing.</source>
        <translation>数据档案列出的某个文件缺失。</translation>
    </message>
    <message>
        <source>A part of the archive has another number of records than listed.</source>
        <translation>数据档案中某一部分的记录数与清单所列不符。</translation>
    </message>
    <message>
        <source>Cancelled; nothing was saved.</source>
        <translation>已取消，未保存任何内容。</translation>
    </message>
    <message>
        <source>Please sign in again to confirm this action.</source>
        <translation>请重新登录以确认此操作。</translation>
    </message>
    <message>
        <source>Sign-in did not complete.</source>
        <translation>登录未完成。</translation>
    </message>
    <message>
        <source>Sign-in did not complete: {0}</source>
        <translation>登录未完成：{0}</translation>
    </message>
    <message>
        <source>The archive cannot be used.</source>
        <translation>无法使用此数据档案。</translation>
    </message>
    <message>
        <source>The archive contains a file its list of contents does not mention.</source>
        <translation>数据档案中包含内容清单未列出的文件。</translation>
    </message>
    <message>
        <source>The archive contains a file with an unsafe name.</source>
        <translation>数据档案中包含名称不安全的文件。</translation>
    </message>
    <message>
        <source>The archive contains a symbolic link.</source>
        <translation>数据档案中包含符号链接。</translation>
    </message>
    <message>
        <source>The archive contains something that is not a regular file.</source>
        <translation>数据档案中包含非普通文件的内容。</translation>
    </message>
    <message>
        <source>The archive contains too many files.</source>
        <translation>数据档案中的文件过多。</translation>
    </message>
    <message>
        <source>The shop cannot be reached, and the app could not keep the request to send it later: its outbox file could not be written.</source>
        <translation>无法连接商家，应用也未能保存该申请以便稍后发送：无法写入待发送文件。</translation>
    </message>
    <message>
        <source>Something went wrong in the app. Help → Copy diagnostics gives the details for a report.</source>
        <translation>应用出现了问题。可通过“帮助 → 复制诊断信息”获取报告所需的详细信息。</translation>
    </message>
    <message>
        <source>The archive contains two files with the same name.</source>
        <translation>数据档案中包含两个同名文件。</translation>
    </message>
    <message>
        <source>The archive has no list of contents (manifest.json).</source>
        <translation>数据档案缺少内容清单（manifest.json）。</translation>
    </message>
    <message>
        <source>The archive has no such part.</source>
        <translation>数据档案中没有这一部分。</translation>
    </message>
    <message>
        <source>The archive is cut short: it was not saved or downloaded completely.</source>
        <translation>数据档案不完整：未完整保存或下载。</translation>
    </message>
    <message>
        <source>The archive is damaged.</source>
        <translation>数据档案已损坏。</translation>
    </message>
    <message>
        <source>The archive is larger than allowed once unpacked.</source>
        <translation>数据档案解压后超出了允许的大小。</translation>
    </message>
    <message>
        <source>The archive is not signed, but it should be.</source>
        <translation>数据档案应当有签名，但未签名。</translation>
    </message>
    <message>
        <source>The archive is of a newer format than this app reads.</source>
        <translation>数据档案的格式较新，本应用无法读取。</translation>
    </message>
    <message>
        <source>The archive is signed with a key the app does not know.</source>
        <translation>数据档案使用了本应用不认识的密钥签名。</translation>
    </message>
    <message>
        <source>The archive unpacks to far more than real data does (a ZIP bomb).</source>
        <translation>数据档案解压后的大小远超真实数据（ZIP 炸弹）。</translation>
    </message>
    <message>
        <source>The archive uses a ZIP feature personal-data archives never use.</source>
        <translation>数据档案使用了个人信息数据档案从不使用的 ZIP 功能。</translation>
    </message>
    <message>
        <source>The archive&apos;s list of contents is malformed.</source>
        <translation>数据档案的内容清单格式有误。</translation>
    </message>
    <message>
        <source>The code has expired (codes work for 10 minutes). File the request again to get a new one.</source>
        <translation>验证码已过期（有效期 10 分钟）。请重新提交请求以获取新的验证码。</translation>
    </message>
    <message>
        <source>The code is not right, and no tries are left: it no longer works.</source>
        <translation>验证码不正确，且已没有剩余尝试次数：该验证码已失效。</translation>
    </message>
    <message>
        <source>The code is not right. Check it and try again.</source>
        <translation>验证码不正确。请检查后重试。</translation>
    </message>
    <message>
        <source>The code is not right. Tries left: {0}.</source>
        <translation>验证码不正确。剩余尝试次数：{0}。</translation>
    </message>
    <message>
        <source>The connection broke after the request was sent, so the shop may have it. The app does not send it again by itself.</source>
        <translation>请求发出后连接中断，商店可能已经收到。应用不会自行再次发送。</translation>
    </message>
    <message>
        <source>The file could not be written.</source>
        <translation>无法写入文件。</translation>
    </message>
    <message>
        <source>The file does not exist or cannot be read.</source>
        <translation>文件不存在或无法读取。</translation>
    </message>
    <message>
        <source>The passphrase is wrong, or the encrypted file was changed.</source>
        <translation>密码错误，或加密文件已被更改。</translation>
    </message>
    <message>
        <source>The shop could not handle this request.</source>
        <translation>商店无法处理此请求。</translation>
    </message>
    <message>
        <source>{0} ({1})</source>
        <translation>{0}（{1}）</translation>
    </message>
    <message>
        <source>The shop cannot be reached. Check your connection and try again.</source>
        <translation>无法连接商城。请检查网络连接后重试。</translation>
    </message>
    <message>
        <source>Your sign-in has ended: a parent or guardian must consent to this account before you can use it. Ask them to give their consent, then sign in again.</source>
        <translation>您的登录已结束：此账户须先获得父母或监护人的同意才能使用。请他们给予同意后再重新登录。</translation>
    </message>
    <message>
        <source>This account is not allowed to do that.</source>
        <translation>此账户无权进行该操作。</translation>
    </message>
    <message>
        <source>It is no longer there.</source>
        <translation>它已不存在。</translation>
    </message>
    <message>
        <source>The shop did not accept what was sent.</source>
        <translation>商店未接受所发送的内容。</translation>
    </message>
    <message>
        <source>This conflicts with the current state; refresh and try again.</source>
        <translation>这与当前状态冲突；请刷新后重试。</translation>
    </message>
    <message>
        <source>This action was already sent with different details.</source>
        <translation>此操作已以不同的内容发送过。</translation>
    </message>
    <message>
        <source>The shop had a problem. Please try again later.</source>
        <translation>商城出现问题，请稍后重试。</translation>
    </message>
    <message>
        <source>The shop sent something the app does not understand.</source>
        <translation>商城返回了本应用无法识别的内容。</translation>
    </message>
    <message>
        <source>The shop refused the sign-in: a parent or guardian must consent to this account before you can use it. Ask them to give their consent, then sign in again.</source>
        <translation>商城拒绝了此次登录：此账户须先获得父母或监护人的同意才能使用。请他们给予同意后再重新登录。</translation>
    </message>
    <message>
        <source>The sign-in was declined on the shop&apos;s page, so the app is not signed in. Nothing was changed; sign in again whenever you like.</source>
        <translation>此次登录已在商城页面被拒绝或取消，应用未登录。没有任何更改；您可以随时重新登录。</translation>
    </message>
    <message>
        <source>The shop could not go on with this sign-in. Please try again; if it keeps happening, the shop may be having a problem.</source>
        <translation>商城无法继续此次登录。请重试；如果问题一再出现，可能是商城出了问题。</translation>
    </message>
    <message>
        <source>Sign-in was cancelled.</source>
        <translation>登录已取消。</translation>
    </message>
    <message>
        <source>Sign-in took too long and was stopped. Please try again.</source>
        <translation>登录耗时过长，已停止。请重试。</translation>
    </message>
    <message>
        <source>The shop&apos;s signature does not match: the archive was changed.</source>
        <translation>商城签名不匹配：数据档案已被更改。</translation>
    </message>
    <message>
        <source>The two archives are of different accounts or shops.</source>
        <translation>两个数据档案属于不同的账户或商城。</translation>
    </message>
    <message>
        <source>This address is not safe to use: the app only talks HTTPS to shops.</source>
        <translation>此地址不安全：本应用只通过 HTTPS 与商城通信。</translation>
    </message>
    <message>
        <source>This archive does not contain this part.</source>
        <translation>此数据档案不包含这一部分。</translation>
    </message>
    <message>
        <source>This archive is encrypted: enter its passphrase to open it.</source>
        <translation>此数据档案已加密：请输入密码后打开。</translation>
    </message>
    <message>
        <source>This file is not a personal-data archive.</source>
        <translation>此文件不是个人信息数据档案。</translation>
    </message>
    <message>
        <source>This is an archive: it can only be read, not changed.</source>
        <translation>这是数据档案：只能查看，不能更改。</translation>
    </message>
    <message>
        <source>This shop does not offer this.</source>
        <translation>此商店不提供此功能。</translation>
    </message>
    <message>
        <source>Too many requests. Please wait a moment and try again.</source>
        <translation>请求过于频繁，请稍候再试。</translation>
    </message>
    <message>
        <source>Too many wrong codes: this code no longer works. File the request again to get a new one.</source>
        <translation>输错次数过多：该验证码已失效。请重新提交请求以获取新的验证码。</translation>
    </message>
    <message>
        <source>Your sign-in has ended. Please sign in again.</source>
        <translation>您的登录已失效，请重新登录。</translation>
    </message>
    <message>
        <source>The download was canceled.</source>
        <translation>下载已取消。</translation>
    </message>
    <message>
        <source>The downloaded file is damaged (its checksum does not match).</source>
        <translation>下载的文件已损坏（校验和不符）。</translation>
    </message>
    <message>
        <source>Not a web address the app can use.</source>
        <translation>这不是应用可以使用的网址。</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <source>Export archive</source>
        <translation>导出数据档案</translation>
    </message>
    <message>
        <source>Build one now from the shop</source>
        <translation>立即根据商城数据生成</translation>
    </message>
    <message>
        <source>Download the shop&apos;s official archive</source>
        <translation>下载商城的官方数据档案</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>What to include</source>
        <translation>包含的内容</translation>
    </message>
    <message>
        <source>Select all</source>
        <translation>全选</translation>
    </message>
    <message>
        <source>Select none</source>
        <translation>全不选</translation>
    </message>
    <message>
        <source>Activity from (optional)</source>
        <translation>活动记录开始日期（选填）</translation>
    </message>
    <message>
        <source>Activity until (optional)</source>
        <translation>活动记录结束日期（选填）</translation>
    </message>
    <message>
        <source>Activity from:</source>
        <translation>活动记录从：</translation>
    </message>
    <message>
        <source>Activity until (inclusive):</source>
        <translation>活动记录到（含当天）：</translation>
    </message>
    <message>
        <source>Passphrase (optional)</source>
        <translation>密码（选填）</translation>
    </message>
    <message>
        <source>Passphrase again</source>
        <translation>再次输入密码</translation>
    </message>
    <message>
        <source>Passphrase (optional):</source>
        <translation>密码（选填）：</translation>
    </message>
    <message>
        <source>Passphrase again:</source>
        <translation>再次输入密码：</translation>
    </message>
    <message>
        <source>A passphrase encrypts the whole archive, so nobody who gets the file can read your data without it. It cannot be recovered: if you forget it, the archive cannot be opened by anyone, including you.</source>
        <translation>设置密码后会加密整个数据档案，即使他人拿到文件，没有密码也无法读取您的信息。密码无法找回：一旦忘记，任何人（包括您自己）都无法打开此数据档案。</translation>
    </message>
    <message>
        <source>Save the archive as</source>
        <translation>数据档案另存为</translation>
    </message>
    <message>
        <source>Save as:</source>
        <translation>另存为：</translation>
    </message>
    <message>
        <source>The dates limit records of activity (searches, orders, logs…); lists such as devices and consents are always complete.</source>
        <translation>日期只限制活动记录（搜索、订单、日志等）；设备、同意等列表始终完整导出。</translation>
    </message>
    <message>
        <source>When the shop has answered an access request, its official, signed archive can be downloaded here. An interrupted download continues where it stopped.</source>
        <translation>商城答复您的个人信息副本申请后，可在此下载其带签名的官方数据档案。下载中断后可从中断处继续。</translation>
    </message>
    <message>
        <source>Completed access requests</source>
        <translation>已完成的个人信息副本申请</translation>
    </message>
    <message>
        <source>Refresh list</source>
        <translation>刷新列表</translation>
    </message>
    <message>
        <source>Save the shop&apos;s archive as</source>
        <translation>商城数据档案另存为</translation>
    </message>
    <message>
        <source>Sign in to a shop first.</source>
        <translation>请先登录商城。</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <source>Access request received {0}</source>
        <translation>{0} 收到的查阅申请</translation>
    </message>
    <message>
        <source>No completed access request yet. File one on the Requests page.</source>
        <translation>还没有已完成的个人信息副本申请。请在“申请”页面提交。</translation>
    </message>
    <message>
        <source>Sign in to a shop first: the archive is built from its data.</source>
        <translation>请先登录商城：数据档案根据商城的数据生成。</translation>
    </message>
    <message>
        <source>Choose at least one part to include.</source>
        <translation>请至少选择一个要包含的部分。</translation>
    </message>
    <message>
        <source>The two passphrases differ.</source>
        <translation>两次输入的密码不一致。</translation>
    </message>
    <message>
        <source>Choose where to save the archive.</source>
        <translation>请选择数据档案的保存位置。</translation>
    </message>
    <message>
        <source>The first day is after the last day.</source>
        <translation>开始日期晚于结束日期。</translation>
    </message>
    <message>
        <source>Exporting…</source>
        <translation>正在导出…</translation>
    </message>
    <message>
        <source>Choose a completed access request.</source>
        <translation>请选择一项已完成的个人信息副本申请。</translation>
    </message>
    <message>
        <source>Downloading…</source>
        <translation>正在下载…</translation>
    </message>
    <message>
        <source>Saved to {0}
Size: {1}
SHA-256: {2}</source>
        <translation>已保存到 {0}
大小：{1}
SHA-256：{2}</translation>
    </message>
</context>
<context>
    <name>FidesConsents</name>
    <message>
        <source>opted in</source>
        <translation>已同意</translation>
    </message>
    <message>
        <source>opted out</source>
        <translation>已拒绝</translation>
    </message>
</context>
<context>
    <name>FidesConsentsPanel</name>
    <message>
        <source>This shop gives no signed receipt for a change. The app shows the shop&apos;s answer to each change and keeps the history below on this computer.</source>
        <translation>此商店不为更改提供签名回执。应用会显示商店对每次更改的答复，并在本机保存下面的历史记录。</translation>
    </message>
    <message>
        <source>Send me a code</source>
        <translation>给我发送验证码</translation>
    </message>
    <message>
        <source>Verification code</source>
        <translation>验证码</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>验证码</translation>
    </message>
    <message>
        <source>Show my choices</source>
        <translation>显示我的选择</translation>
    </message>
    <message>
        <source>History of your changes (kept on this computer)</source>
        <translation>您的更改历史（保存在本机）</translation>
    </message>
    <message>
        <source>Consent history</source>
        <translation>同意历史</translation>
    </message>
    <message>
        <source>At {0}, consent is kept per use of your data. To see or change it, ask for a code first.</source>
        <translation>在 {0}，同意按数据用途分别记录。要查看或更改，请先获取验证码。</translation>
    </message>
    <message>
        <source>Asking the shop for a code…</source>
        <translation>正在向商店申请验证码…</translation>
    </message>
    <message>
        <source>Send a new code</source>
        <translation>发送新的验证码</translation>
    </message>
    <message numerus="yes">
        <source>The shop has sent a code to {0}. Enter it within %n minute(s).</source>
        <translation>
            <numerusform>商店已向 {0} 发送验证码。请在 %n 分钟内输入。</numerusform>
        </translation>
    </message>
    <message>
        <source>The shop has sent a code to {0}.</source>
        <translation>商店已向 {0} 发送验证码。</translation>
    </message>
    <message>
        <source>No code was sent: {0}</source>
        <translation>未发送验证码：{0}</translation>
    </message>
    <message>
        <source>Enter the code the shop sent you.</source>
        <translation>请输入商店发给您的验证码。</translation>
    </message>
    <message>
        <source>Code accepted. Changes you make now are sent with it until it expires.</source>
        <translation>验证码已接受。在它过期之前，您现在所做的更改都会随它一起发送。</translation>
    </message>
    <message>
        <source>The code has expired. Ask for a new one to make more changes.</source>
        <translation>验证码已过期。如需继续更改，请申请新的验证码。</translation>
    </message>
    <message>
        <source>{0} (the shop has no choice of yours on record)</source>
        <translation>{0}（商店没有您的选择记录）</translation>
    </message>
    <message>
        <source>Allowed</source>
        <translation>允许</translation>
    </message>
    <message>
        <source>Allow: {0}</source>
        <translation>允许：{0}</translation>
    </message>
    <message>
        <source>The shop confirms the change.</source>
        <translation>商店确认了此更改。</translation>
    </message>
    <message>
        <source>The shop&apos;s answer does not show the change.</source>
        <translation>商店的答复中没有显示此更改。</translation>
    </message>
    <message>
        <source>{0} The shop&apos;s answer: {1}</source>
        <translation>{0} 商店的答复：{1}</translation>
    </message>
    <message>
        <source>Consent changed: {0}</source>
        <translation>同意已更改：{0}</translation>
    </message>
    <message>
        <source>The shop&apos;s answer does not show the change to: {0}</source>
        <translation>商店的答复中没有显示这项更改：{0}</translation>
    </message>
    <message>
        <source>The change was not saved: {0}</source>
        <translation>更改未保存：{0}</translation>
    </message>
</context>
<context>
    <name>FidesIdentityDialog</name>
    <message>
        <source>Add a shop that runs Fides</source>
        <translation>添加使用 Fides 的商店</translation>
    </message>
    <message>
        <source>This shop&apos;s privacy center runs Ethyca Fides (version {0}). It has no sign-in: it knows you by your e-mail address or phone number and sends a code there whenever you file a request or change a consent.</source>
        <translation>此商店的隐私中心使用 Ethyca Fides（版本 {0}）。它没有登录：它通过您的电子邮件地址或电话号码识别您，每当您提交请求或更改同意时，都会向那里发送验证码。</translation>
    </message>
    <message>
        <source>The shop says it has no working way to send codes yet; requests may wait for verification until it does.</source>
        <translation>商店表示目前还无法发送验证码；在此之前，请求可能一直等待验证。</translation>
    </message>
    <message>
        <source>E-mail address or phone number</source>
        <translation>电子邮件地址或电话号码</translation>
    </message>
    <message>
        <source>name@example.com or +8613812345678</source>
        <translation>name@example.com 或 +8613812345678</translation>
    </message>
    <message>
        <source>E-mail or phone</source>
        <translation>电子邮件或电话</translation>
    </message>
    <message>
        <source>Name of the shop</source>
        <translation>商店名称</translation>
    </message>
    <message>
        <source>Shop name</source>
        <translation>商店名称</translation>
    </message>
    <message>
        <source>The app keeps this in the system keychain, never in a file.</source>
        <translation>应用把它保存在系统钥匙串中，绝不写入文件。</translation>
    </message>
    <message>
        <source>Enter an e-mail address, or a phone number in the international form (+ country code).</source>
        <translation>请输入电子邮件地址，或国际格式的电话号码（+ 国家代码）。</translation>
    </message>
</context>
<context>
    <name>FidesRequestDialog</name>
    <message>
        <source>Ask for a copy of what the shop holds about you, under its access policy.</source>
        <translation>按照商店的访问政策，申请一份它保存的关于您的数据副本。</translation>
    </message>
    <message>
        <source>Ask the shop to erase your personal data under its erasure policy. This shop&apos;s privacy center erases by its policy as a whole: you cannot choose categories.</source>
        <translation>按照商店的删除政策，要求它删除您的个人数据。此商店的隐私中心按政策整体删除：您不能选择类别。</translation>
    </message>
    <message>
        <source>I understand the shop will erase my data</source>
        <translation>我了解商店将删除我的数据</translation>
    </message>
    <message>
        <source>Tick the box to confirm the erasure.</source>
        <translation>请勾选复选框以确认删除。</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>The connection broke after the request was sent, so the shop may have it. The app does not send it again by itself: if a code arrives, the request was filed.</source>
        <translation>请求发出后连接中断，商店可能已经收到。应用不会自行再次发送：如果您收到验证码，说明请求已提交。</translation>
    </message>
    <message>
        <source>The shop did not accept the request: {0}</source>
        <translation>商店没有接受此请求：{0}</translation>
    </message>
</context>
<context>
    <name>FieldErrors</name>
    <message>
        <source>The shop did not accept this value.</source>
        <translation>商店不接受这个值。</translation>
    </message>
    <message>
        <source>This is required.</source>
        <translation>此项必填。</translation>
    </message>
    <message>
        <source>Too long: the shop accepts at most {0} characters.</source>
        <translation>太长了：商店最多接受 {0} 个字符。</translation>
    </message>
    <message>
        <source>Too short: the shop needs at least {0} characters.</source>
        <translation>太短了：商店至少需要 {0} 个字符。</translation>
    </message>
</context>
<context>
    <name>FileFilters</name>
    <message>
        <source>Personal-data archives (*.zip *.pdarchive.enc);;All files (*)</source>
        <translation>个人数据档案 (*.zip *.pdarchive.enc);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Key files (*.json *.pem *.txt);;All files (*)</source>
        <translation>密钥文件 (*.json *.pem *.txt);;所有文件 (*)</translation>
    </message>
    <message>
        <source>SQLite databases (*.db *.sqlite);;All files (*)</source>
        <translation>SQLite 数据库 (*.db *.sqlite);;所有文件 (*)</translation>
    </message>
</context>
<context>
    <name>FilingDialog</name>
    <message>
        <source>New request: {0}</source>
        <translation>新申请：{0}</translation>
    </message>
    <message>
        <source>Shop: {0}</source>
        <translation>商城：{0}</translation>
    </message>
    <message>
        <source>File request</source>
        <translation>提交申请</translation>
    </message>
    <message>
        <source>Sending…</source>
        <translation>正在发送…</translation>
    </message>
    <message>
        <source>Still sending: wait for the shop&apos;s answer. Closing now could file the request without telling you.</source>
        <translation>仍在发送：请等待商家答复。现在关闭，申请可能会在您不知情的情况下提交。</translation>
    </message>
</context>
<context>
    <name>GuardianBar</name>
    <message>
        <source>Whose data to show:</source>
        <translation>查看谁的数据：</translation>
    </message>
    <message>
        <source>Whose data to show</source>
        <translation>查看谁的数据</translation>
    </message>
    <message>
        <source>You are viewing {0}&apos;s data as their guardian.</source>
        <translation>您正在以监护人身份查看{0}的数据。</translation>
    </message>
    <message>
        <source>Back to my own data</source>
        <translation>返回我自己的数据</translation>
    </message>
    <message>
        <source>My own data</source>
        <translation>我自己的数据</translation>
    </message>
    <message>
        <source>{0} (as their guardian)</source>
        <translation>{0}（以监护人身份）</translation>
    </message>
    <message>
        <source>{0} can sign in: you have consented to their account.</source>
        <translation>{0}可以登录：您已同意其使用账户。</translation>
    </message>
    <message>
        <source>Withdraw consent…</source>
        <translation>撤回同意…</translation>
    </message>
    <message>
        <source>Withdraw your consent to {0}&apos;s account</source>
        <translation>撤回您对{0}账户的同意</translation>
    </message>
    <message>
        <source>{0} cannot sign in: you withdrew your consent to their account.</source>
        <translation>{0}无法登录：您已撤回对其账户的同意。</translation>
    </message>
    <message>
        <source>Give consent…</source>
        <translation>给予同意…</translation>
    </message>
    <message>
        <source>Give your consent to {0}&apos;s account</source>
        <translation>同意{0}使用账户</translation>
    </message>
    <message>
        <source>{0} cannot sign in until you consent to their account.</source>
        <translation>在您同意其使用账户之前，{0}无法登录。</translation>
    </message>
    <message>
        <source>Give consent to the account</source>
        <translation>同意使用账户</translation>
    </message>
    <message>
        <source>Give your consent to {0}&apos;s account?</source>
        <translation>同意{0}使用账户吗？</translation>
    </message>
    <message>
        <source>{0} can then sign in to this shop with their own account again.</source>
        <translation>之后{0}可以重新用自己的账户登录本商城。</translation>
    </message>
    <message>
        <source>Give consent</source>
        <translation>给予同意</translation>
    </message>
    <message>
        <source>Withdraw consent to the account</source>
        <translation>撤回对账户的同意</translation>
    </message>
    <message>
        <source>Withdraw your consent to {0}&apos;s account?</source>
        <translation>撤回您对{0}账户的同意吗？</translation>
    </message>
    <message>
        <source>{0} is signed out at once, on every device, and cannot sign in again until you give your consent again. You can still see their data here as their guardian.</source>
        <translation>{0}将在所有设备上立即退出登录，在您再次给予同意之前无法重新登录。作为监护人，您仍可在此查看其数据。</translation>
    </message>
    <message>
        <source>Withdraw consent</source>
        <translation>撤回同意</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Your consent to {0}&apos;s account is recorded.</source>
        <translation>已记录您对{0}账户的同意。</translation>
    </message>
    <message>
        <source>Your consent to {0}&apos;s account is withdrawn; they are signed out.</source>
        <translation>已撤回您对{0}账户的同意，其已退出登录。</translation>
    </message>
    <message>
        <source>The consent to {0}&apos;s account could not be changed: {1}</source>
        <translation>未能更改对{0}账户的同意：{1}</translation>
    </message>
    <message>
        <source>{0}&apos;s data could not be opened: {1}</source>
        <translation>无法打开{0}的数据：{1}</translation>
    </message>
</context>
<context>
    <name>IncidentsPage</name>
    <message>
        <source>Low</source>
        <translation>低</translation>
    </message>
    <message>
        <source>Medium</source>
        <translation>中</translation>
    </message>
    <message>
        <source>High</source>
        <translation>高</translation>
    </message>
    <message>
        <source>Not rated</source>
        <translation>未评级</translation>
    </message>
    <message>
        <source>Read</source>
        <translation>已读</translation>
    </message>
    <message>
        <source>Unread — new</source>
        <translation>未读 — 新</translation>
    </message>
    <message>
        <source>Security incidents</source>
        <translation>安全事件</translation>
    </message>
    <message>
        <source>No security incident has affected your data at this shop.</source>
        <translation>在此商家没有安全事件影响到您的数据。</translation>
    </message>
    <message>
        <source>What happened</source>
        <translation>发生了什么</translation>
    </message>
    <message>
        <source>What it means for you</source>
        <translation>对您的影响</translation>
    </message>
    <message>
        <source>Your data affected</source>
        <translation>受影响的您的数据</translation>
    </message>
    <message>
        <source>What the shop has done</source>
        <translation>商家已采取的措施</translation>
    </message>
    <message>
        <source>What you can do</source>
        <translation>您可以怎么做</translation>
    </message>
    <message>
        <source>Remedies for you</source>
        <translation>给您的补救措施</translation>
    </message>
    <message>
        <source>Mark as read</source>
        <translation>标记为已读</translation>
    </message>
    <message numerus="yes">
        <source>⚠ %n unread security incident notice(s): read what happened to your data.</source>
        <translation>
            <numerusform>⚠ %n 条未读的安全事件告知：请查看您的数据发生了什么。</numerusform>
        </translation>
    </message>
    <message>
        <source>Published {0} · happened {1} · severity: {2}</source>
        <translation>发布于{0} · 发生于{1} · 严重程度：{2}</translation>
    </message>
    <message>
        <source>{0} — show this data</source>
        <translation>{0} — 查看这些数据</translation>
    </message>
    <message>
        <source>The shop&apos;s policy promises this notice in § {0}.</source>
        <translation>商家的隐私政策在第 {0} 条承诺发出此告知。</translation>
    </message>
    <message>
        <source>The shop&apos;s policy promises no incident notices: this one is the shop&apos;s own practice.</source>
        <translation>商家的隐私政策未承诺安全事件告知：此告知是商家自己的做法。</translation>
    </message>
    <message>
        <source>Read on {0}</source>
        <translation>已于{0}阅读</translation>
    </message>
    <message>
        <source>Not read yet</source>
        <translation>尚未阅读</translation>
    </message>
    <message>
        <source>Could not mark the notice as read: {0}</source>
        <translation>无法将告知标记为已读：{0}</translation>
    </message>
</context>
<context>
    <name>LimitedText</name>
    <message>
        <source>Too long: {0} characters, the shop accepts at most {1}. Shorten it to send; nothing is cut for you.</source>
        <translation>太长了：共 {0} 个字符，商店最多接受 {1} 个。请删减后再提交；应用不会替你截断。</translation>
    </message>
    <message>
        <source>{0} / {1}</source>
        <translation>{0} / {1}</translation>
    </message>
    <message>
        <source>{0} of at most {1} characters</source>
        <translation>已输入 {0} 个字符，最多 {1} 个</translation>
    </message>
</context>
<context>
    <name>LoadStateStack</name>
    <message>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <source>Loading</source>
        <translation>正在加载</translation>
    </message>
    <message>
        <source>Nothing here yet.</source>
        <translation>暂无内容。</translation>
    </message>
    <message>
        <source>Try again</source>
        <translation>重试</translation>
    </message>
    <message>
        <source>Add a shop…</source>
        <translation>添加商店…</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>登录</translation>
    </message>
    <message>
        <source>You are signed out</source>
        <translation>您已退出登录</translation>
    </message>
    <message>
        <source>{0} and its accounts are still listed here. Sign in again to see what it holds about you, or add another shop.</source>
        <translation>“{0}”及其账户仍保留在这里。重新登录即可查看它保存的您的信息，也可以添加其他商店。</translation>
    </message>
    <message>
        <source>Welcome</source>
        <translation>欢迎</translation>
    </message>
    <message>
        <source>See what a shop holds about you, what it shares and why, and ask it to correct or delete it. Start by adding the shop you buy from; you then sign in on the shop&apos;s own page in your browser.</source>
        <translation>查看商店保存了您的哪些信息、与谁共享以及原因，并可要求它更正或删除。请先添加您购物的商店，然后在浏览器中打开的商店页面上登录。</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Privacy Dashboard</source>
        <translation>隐私仪表盘</translation>
    </message>
    <message>
        <source>Check the signature with a key file…</source>
        <translation>用密钥文件检查签名…</translation>
    </message>
    <message>
        <source>Pages</source>
        <translation>页面</translation>
    </message>
    <message>
        <source>Not signed in</source>
        <translation>未登录</translation>
    </message>
    <message>
        <source>Add shop…</source>
        <translation>添加商城…</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>登录</translation>
    </message>
    <message>
        <source>Sign out</source>
        <translation>退出登录</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Assist a customer…</source>
        <translation>协助客户…</translation>
    </message>
    <message>
        <source>Export archive…</source>
        <translation>导出数据档案…</translation>
    </message>
    <message>
        <source>Open archive…</source>
        <translation>打开数据档案…</translation>
    </message>
    <message>
        <source>Close archive</source>
        <translation>关闭数据档案</translation>
    </message>
    <message>
        <source>Verify archive…</source>
        <translation>验证数据档案…</translation>
    </message>
    <message>
        <source>Compare archives…</source>
        <translation>比较数据档案…</translation>
    </message>
    <message>
        <source>Convert archive to SQLite…</source>
        <translation>将数据档案转换为 SQLite…</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>账户</translation>
    </message>
    <message>
        <source>Shop and account</source>
        <translation>商城和账户</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Settings</source>
        <translation>设置(&amp;S)</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>Follow the system</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>About</source>
        <translation>关于</translation>
    </message>
    <message>
        <source>Copy diagnostics</source>
        <translation>复制诊断信息</translation>
    </message>
    <message>
        <source>signed out</source>
        <translation>已退出登录</translation>
    </message>
    <message>
        <source>No shop yet — add one</source>
        <translation>还没有商城，请添加</translation>
    </message>
    <message>
        <source>Contacting the shop…</source>
        <translation>正在连接商城…</translation>
    </message>
    <message>
        <source>Added {0}</source>
        <translation>已添加 {0}</translation>
    </message>
    <message>
        <source>Signed in to {0}</source>
        <translation>已登录 {0}</translation>
    </message>
    <message>
        <source>Sign-in to {0} cancelled. Nothing was changed; sign in again whenever you like.</source>
        <translation>已取消登录“{0}”。没有任何更改，您可以随时重新登录。</translation>
    </message>
    <message>
        <source>Signed out</source>
        <translation>已退出登录</translation>
    </message>
    <message>
        <source>Signed out on this computer, but the shop did not confirm that the sign-in was revoked: it may keep working there until it expires.</source>
        <translation>已在本机退出登录，但商城未确认已撤销该登录：在其过期前，它可能在商城端仍然有效。</translation>
    </message>
    <message>
        <source>Assisting customer {0}</source>
        <translation>正在协助客户 {0}</translation>
    </message>
    <message>
        <source>You are signed in as a customer-service agent. Assist a customer to see their dashboard.</source>
        <translation>您已以客服人员身份登录。开始协助客户后即可查看其仪表盘。</translation>
    </message>
    <message>
        <source>An agent assisting a customer cannot export the customer&apos;s archive.</source>
        <translation>协助客户的客服人员不能导出客户的档案。</translation>
    </message>
    <message>
        <source>Save everything the shop holds about you in one archive file.</source>
        <translation>将商家持有的关于您的全部信息保存到一个档案文件中。</translation>
    </message>
    <message>
        <source>Assisting customer {0} — every action is recorded in their access log. {1}:{2:02d} left</source>
        <translation>正在协助客户 {0}，每项操作都会记入其访问记录。剩余 {1}:{2:02d}</translation>
    </message>
    <message>
        <source>End assist session</source>
        <translation>结束协助会话</translation>
    </message>
    <message>
        <source>No system keychain is available: you will need to sign in again next time.</source>
        <translation>系统钥匙串不可用：下次需要重新登录。</translation>
    </message>
    <message>
        <source>The language changes the next time the app starts.</source>
        <translation>语言将在下次启动应用时更改。</translation>
    </message>
    <message>
        <source>Diagnostics copied (no tokens, no personal data): paste them into your support ticket.</source>
        <translation>诊断信息已复制（不含令牌和个人信息）：请粘贴到您的支持工单中。</translation>
    </message>
    <message numerus="yes">
        <source>Signed in again to %n shop(s)</source>
        <translation>
            <numerusform>已重新登录 %n 个商城</numerusform>
        </translation>
    </message>
    <message>
        <source>{0}: {1}</source>
        <translation>{0}：{1}</translation>
    </message>
</context>
<context>
    <name>MyDataPage</name>
    <message>
        <source>My data</source>
        <translation>我的信息</translation>
    </message>
    <message>
        <source>The shop holds no data about this account.</source>
        <translation>商城没有保存此账户的任何信息。</translation>
    </message>
    <message>
        <source>Categories</source>
        <translation>数据类别</translation>
    </message>
    <message>
        <source>Account &amp;&amp; profile</source>
        <translation>账户与资料</translation>
    </message>
    <message>
        <source>Devices</source>
        <translation>设备</translation>
    </message>
    <message>
        <source>Devices you used with the shop: type, system, settings and their unique id.</source>
        <translation>您访问商城时使用的设备：类型、系统、设置及其唯一标识符。</translation>
    </message>
    <message>
        <source>Locations</source>
        <translation>位置</translation>
    </message>
    <message>
        <source>Where you were when using the shop: from the IP address, GPS, Wi-Fi or base stations.</source>
        <translation>您使用商城时所在的位置，根据 IP 地址、GPS、Wi-Fi 或基站确定。</translation>
    </message>
    <message>
        <source>Logs</source>
        <translation>日志</translation>
    </message>
    <message>
        <source>What the shop&apos;s servers logged: pages visited, searches, IP address, browser, carrier and language.</source>
        <translation>商城服务器记录的内容：访问的页面、搜索、IP 地址、浏览器、运营商和语言。</translation>
    </message>
    <message>
        <source>Customer service</source>
        <translation>客服记录</translation>
    </message>
    <message>
        <source>Your calls, chats, e-mails and letters with customer service, what each was about and how it was solved.</source>
        <translation>您与客服的通话、在线咨询、邮件和信函，每次的事由以及解决结果。</translation>
    </message>
    <message>
        <source>Every kind of personal data the shop holds about you: why, on what legal basis, for how long, and where it is stored.</source>
        <translation>商城保存的您的各类个人信息：用途、法律依据、保存期限以及存储位置。</translation>
    </message>
    <message>
        <source>Categories of data held</source>
        <translation>商城保存的数据类别</translation>
    </message>
    <message>
        <source>{0}: {1}</source>
        <translation>{0}：{1}</translation>
    </message>
    <message>
        <source>Select a category to see whether it needs your consent.</source>
        <translation>选择一个类别，查看它是否需要您的同意。</translation>
    </message>
    <message>
        <source>Account and profile fields</source>
        <translation>账户与资料字段</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>编辑…</translation>
    </message>
    <message>
        <source>Edit the selected field</source>
        <translation>编辑所选字段</translation>
    </message>
    <message>
        <source>Request correction…</source>
        <translation>申请更正…</translation>
    </message>
    <message>
        <source>Request a correction of the selected field</source>
        <translation>申请更正所选字段</translation>
    </message>
    <message>
        <source>Kept because: {0}</source>
        <translation>保存依据：{0}</translation>
    </message>
    <message>
        <source>You are the guardian of: {0}.</source>
        <translation>您是以下账户的监护人：{0}。</translation>
    </message>
    <message>
        <source>Customer number {0} · {1} · member since {2}</source>
        <translation>客户编号 {0} · {1} · 注册于 {2}</translation>
    </message>
    <message>
        <source>This account belongs to a minor. Guardian consent: {0}.</source>
        <translation>此账户属于未成年人。监护人同意情况：{0}。</translation>
    </message>
    <message>
        <source>The shop protects this account as one without full legal capacity.</source>
        <translation>商家将此账户作为不具有完全民事行为能力人的账户予以保护。</translation>
    </message>
    <message>
        <source>Age on file at the shop: {0}.</source>
        <translation>商家登记的年龄：{0}。</translation>
    </message>
    <message>
        <source>The shop holds no age for this account.</source>
        <translation>商家未登记此账户的年龄。</translation>
    </message>
    <message>
        <source>Guardian: {0}.</source>
        <translation>监护人：{0}。</translation>
    </message>
    <message>
        <source>The shop&apos;s policy ({0}): {1}</source>
        <translation>商家的隐私政策（{0}）：{1}</translation>
    </message>
    <message>
        <source>Fields marked editable can be changed here (double-click the value or use Edit…). For the others, ask the shop to correct them.</source>
        <translation>标为可编辑的字段可以在此修改（双击值或使用“编辑…”）。其他字段请申请商城更正。</translation>
    </message>
    <message>
        <source>Assisted session: fields cannot be edited, but a correction can be requested for the shopper.</source>
        <translation>协助会话：不能编辑字段，但可以代用户申请更正。</translation>
    </message>
    <message>
        <source>Saved: {0}</source>
        <translation>已保存：{0}</translation>
    </message>
    <message>
        <source>Saving {0}…</source>
        <translation>正在保存{0}…</translation>
    </message>
    <message>
        <source>The shop cannot be reached: the correction request for {0} waits in the outbox</source>
        <translation>无法连接商城：{0} 的更正申请正在发件箱中等待发送</translation>
    </message>
    <message>
        <source>Correction request filed for {0}</source>
        <translation>已提交{0}的更正申请</translation>
    </message>
</context>
<context>
    <name>NewRequestDialog</name>
    <message>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <source>Not filed: a text is too long (see above).</source>
        <translation>未提交：有文字超出长度（见上方）。</translation>
    </message>
    <message>
        <source>Not filed: the shop did not accept what is marked above.</source>
        <translation>未提交：商店不接受上面标出的内容。</translation>
    </message>
</context>
<context>
    <name>NoticesPage</name>
    <message>
        <source>Notices &amp; policy</source>
        <translation>公告与政策</translation>
    </message>
    <message>
        <source>Current privacy policy</source>
        <translation>当前隐私政策</translation>
    </message>
    <message>
        <source>Notices</source>
        <translation>公告</translation>
    </message>
    <message>
        <source>The shop has published no notices.</source>
        <translation>商城尚未发布任何公告。</translation>
    </message>
    <message>
        <source>Policy versions</source>
        <translation>政策版本</translation>
    </message>
    <message>
        <source>Impact assessments</source>
        <translation>影响评估</translation>
    </message>
    <message numerus="yes">
        <source>⚠ %n security incident(s) announced, shown in red: read what happened and what to do.</source>
        <translation>
            <numerusform>⚠ 已公布 %n 起安全事件（红色显示）：请阅读事件经过及应对方法。</numerusform>
        </translation>
    </message>
    <message>
        <source>{0} · published {1}</source>
        <translation>{0} · 发布于 {1}</translation>
    </message>
    <message>
        <source>about your account</source>
        <translation>与您的账户有关</translation>
    </message>
    <message>
        <source>Policy section: {0}</source>
        <translation>政策条款：{0}</translation>
    </message>
    <message>
        <source>Assessed {0}</source>
        <translation>评估于 {0}</translation>
    </message>
    <message>
        <source>Outcome: {0}</source>
        <translation>结论：{0}</translation>
    </message>
    <message>
        <source>Promised in: {0}</source>
        <translation>承诺出处：{0}</translation>
    </message>
    <message>
        <source>Version {0} · {1} · {2}</source>
        <translation>版本 {0} · {1} · {2}</translation>
    </message>
    <message>
        <source>What changed:</source>
        <translation>变更内容：</translation>
    </message>
    <message>
        <source>No list of changes was published.</source>
        <translation>未公布变更清单。</translation>
    </message>
    <message>
        <source>Version {0}, published {1}{2}</source>
        <translation>版本 {0}，发布于 {1}{2}</translation>
    </message>
    <message>
        <source>major change</source>
        <translation>重大变更</translation>
    </message>
    <message>
        <source>✓ You acknowledged this version on {0}.</source>
        <translation>✓ 您已于 {0} 确认此版本。</translation>
    </message>
    <message>
        <source>✓ You acknowledged this version.</source>
        <translation>✓ 您已确认此版本。</translation>
    </message>
    <message>
        <source>This version changed what the shop does with your data. Read what changed, then acknowledge it.</source>
        <translation>此版本更改了商城处理您个人信息的方式。请阅读变更内容，然后确认。</translation>
    </message>
    <message>
        <source>You have not acknowledged this version yet.</source>
        <translation>您尚未确认此版本。</translation>
    </message>
    <message>
        <source>Acknowledge version {0}</source>
        <translation>确认版本 {0}</translation>
    </message>
    <message>
        <source>Policy version {0} acknowledged.</source>
        <translation>已确认政策版本 {0}。</translation>
    </message>
    <message>
        <source>Could not acknowledge: {0}</source>
        <translation>无法确认：{0}</translation>
    </message>
    <message>
        <source>Major change</source>
        <translation>重大变更</translation>
    </message>
    <message>
        <source>Service closing</source>
        <translation>停止运营</translation>
    </message>
    <message>
        <source>Transfer in a merger</source>
        <translation>因合并而转让</translation>
    </message>
    <message>
        <source>Public disclosure</source>
        <translation>公开披露</translation>
    </message>
    <message>
        <source>Impact assessment</source>
        <translation>影响评估</translation>
    </message>
    <message>
        <source>Minor change</source>
        <translation>一般变更</translation>
    </message>
    <message>
        <source>Policy update</source>
        <translation>政策更新</translation>
    </message>
    <message>
        <source>Security incident</source>
        <translation>安全事件</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>服务</translation>
    </message>
</context>
<context>
    <name>Notifier</name>
    <message>
        <source>Privacy Dashboard</source>
        <translation>隐私仪表盘</translation>
    </message>
    <message>
        <source>Security incident at {0}</source>
        <translation>{0}发生安全事件</translation>
    </message>
    <message>
        <source>{0} — open Security incidents to see what of your data was affected.</source>
        <translation>{0} — 打开“安全事件”查看您的哪些数据受到影响。</translation>
    </message>
    <message>
        <source>Request update from {0}</source>
        <translation>{0} 的申请有更新</translation>
    </message>
    <message>
        <source>{0}: {1} → {2}</source>
        <translation>{0}：{1} → {2}</translation>
    </message>
    <message>
        <source>Request overdue at {0}</source>
        <translation>{0} 的申请已逾期</translation>
    </message>
    <message numerus="yes">
        <source>{0} is overdue by %n working day(s).</source>
        <translation>
            <numerusform>{0} 已逾期 %n 个工作日。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{0} is due in %n working day(s).</source>
        <translation>
            <numerusform>{0} 将在 %n 个工作日后到期。</numerusform>
        </translation>
    </message>
    <message>
        <source>Deadline coming up at {0}</source>
        <translation>{0} 的申请即将截止</translation>
    </message>
    <message>
        <source>{0} is due today.</source>
        <translation>“{0}”申请今天截止。</translation>
    </message>
</context>
<context>
    <name>OptionalDateEdit</name>
    <message>
        <source>any date</source>
        <translation>不限日期</translation>
    </message>
</context>
<context>
    <name>OrderDetailPanel</name>
    <message>
        <source>Try again</source>
        <translation>重试</translation>
    </message>
    <message>
        <source>Load the order again</source>
        <translation>重新加载订单</translation>
    </message>
    <message>
        <source>Items of the order</source>
        <translation>订单商品</translation>
    </message>
    <message>
        <source>Items</source>
        <translation>商品</translation>
    </message>
    <message>
        <source>Payment</source>
        <translation>支付</translation>
    </message>
    <message>
        <source>Method:</source>
        <translation>方式：</translation>
    </message>
    <message>
        <source>Paid with:</source>
        <translation>付款账户：</translation>
    </message>
    <message>
        <source>Status:</source>
        <translation>状态：</translation>
    </message>
    <message>
        <source>Logistics</source>
        <translation>物流</translation>
    </message>
    <message>
        <source>Partner:</source>
        <translation>合作方：</translation>
    </message>
    <message>
        <source>Tracking number:</source>
        <translation>运单号：</translation>
    </message>
    <message>
        <source>Recipient</source>
        <translation>收货人</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>姓名：</translation>
    </message>
    <message>
        <source>Phone:</source>
        <translation>电话：</translation>
    </message>
    <message>
        <source>Address:</source>
        <translation>地址：</translation>
    </message>
    <message>
        <source>For someone else:</source>
        <translation>为他人购买：</translation>
    </message>
    <message>
        <source>Shared for this order with</source>
        <translation>此订单的信息共享给了</translation>
    </message>
    <message>
        <source>No data was shared with partners for this order.</source>
        <translation>此订单未向合作方共享任何信息。</translation>
    </message>
    <message>
        <source>Order details</source>
        <translation>订单详情</translation>
    </message>
    <message>
        <source>Select an order to see its details.</source>
        <translation>选择一个订单查看详情。</translation>
    </message>
    <message>
        <source>Order {0}</source>
        <translation>订单 {0}</translation>
    </message>
    <message>
        <source>Loading the order…</source>
        <translation>正在加载订单…</translation>
    </message>
    <message numerus="yes">
        <source>Placed {0} · {1} · total {2} · %n item(s)</source>
        <translation>
            <numerusform>下单于 {0} · {1} · 合计 {2} · 共 %n 件商品</numerusform>
        </translation>
    </message>
    <message>
        <source>you confirmed their consent on {0}</source>
        <translation>您已于 {0} 确认其同意</translation>
    </message>
    <message>
        <source>no record of their consent</source>
        <translation>没有其同意的记录</translation>
    </message>
    <message>
        <source>Placed by {0} for {1}; {2} ({3}).</source>
        <translation>由 {0} 为 {1} 下单；{2}（{3}）。</translation>
    </message>
</context>
<context>
    <name>OrdersPage</name>
    <message>
        <source>Orders</source>
        <translation>订单</translation>
    </message>
    <message>
        <source>No orders on record.</source>
        <translation>没有订单记录。</translation>
    </message>
    <message>
        <source>Your orders. Select one to see its items, payment, delivery and who received data for it.</source>
        <translation>您的订单。选择一个订单，可查看其商品、支付和配送信息，以及哪些合作方因此收到了您的信息。</translation>
    </message>
    <message>
        <source>Remove order record…</source>
        <translation>删除订单记录…</translation>
    </message>
    <message>
        <source>Remove the selected order record</source>
        <translation>删除所选订单记录</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Remove order record</source>
        <translation>删除订单记录</translation>
    </message>
    <message>
        <source>Remove order {0} from your account?

The delivery details (recipient, address, phone, tracking) are erased. By law the shop must keep the transaction record itself (goods, prices, payment) for a number of years; that part is hidden from your account and used for nothing else. You will see what is kept, and until when.</source>
        <translation>要从您的账户中删除订单 {0} 吗？

配送信息（收货人、地址、电话、运单号）将被清除。根据法律规定，商城必须将交易记录本身（商品、价格、支付）保存若干年；这部分信息将从您的账户中隐藏，且不会用于任何其他用途。您将看到保留了哪些信息以及保留到何时。</translation>
    </message>
    <message>
        <source>Order {0} removed</source>
        <translation>订单 {0} 已删除</translation>
    </message>
    <message>
        <source>The order record was not removed: {0}</source>
        <translation>订单记录未删除：{0}</translation>
    </message>
    <message>
        <source>Order {0} was removed. The shop keeps nothing of it.</source>
        <translation>订单 {0} 已删除，商城未保留任何相关信息。</translation>
    </message>
    <message>
        <source>Order {0} was removed from your account.

Kept by law until {1}:
• Data categories: {2}
• Fields: {3}
• Legal basis: {4}
• Why: {5}</source>
        <translation>订单 {0} 已从您的账户中删除。

依法保存至 {1}：
• 数据类别：{2}
• 字段：{3}
• 法律依据：{4}
• 原因：{5}</translation>
    </message>
    <message>
        <source>Order record removed</source>
        <translation>订单记录已删除</translation>
    </message>
    <message>
        <source>currency</source>
        <translation>币种</translation>
    </message>
    <message>
        <source>items</source>
        <translation>商品</translation>
    </message>
    <message>
        <source>masked payment account</source>
        <translation>脱敏的付款账户</translation>
    </message>
    <message>
        <source>order number</source>
        <translation>订单号</translation>
    </message>
    <message>
        <source>order time</source>
        <translation>下单时间</translation>
    </message>
    <message>
        <source>payment method</source>
        <translation>支付方式</translation>
    </message>
    <message>
        <source>payment status</source>
        <translation>支付状态</translation>
    </message>
    <message>
        <source>status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>total</source>
        <translation>合计</translation>
    </message>
</context>
<context>
    <name>OverviewPage</name>
    <message>
        <source>Overview</source>
        <translation>概览</translation>
    </message>
    <message>
        <source>Categories of data held</source>
        <translation>保存的数据类别</translation>
    </message>
    <message>
        <source>Search and browsing records</source>
        <translation>搜索和浏览记录</translation>
    </message>
    <message>
        <source>Orders</source>
        <translation>订单</translation>
    </message>
    <message>
        <source>Consents given</source>
        <translation>已给出的同意</translation>
    </message>
    <message>
        <source>Partners who received your data</source>
        <translation>接收过您信息的合作方</translation>
    </message>
    <message>
        <source>Open requests</source>
        <translation>未完成的申请</translation>
    </message>
    <message>
        <source>Notices</source>
        <translation>公告</translation>
    </message>
    <message>
        <source>Privacy policy</source>
        <translation>隐私政策</translation>
    </message>
    <message>
        <source>{0} of them sensitive</source>
        <translation>其中 {0} 类为敏感信息</translation>
    </message>
    <message>
        <source>{0} overdue</source>
        <translation>{0} 项已逾期</translation>
    </message>
    <message numerus="yes">
        <source>next due in %n working day(s)</source>
        <translation>
            <numerusform>下一个将在 %n 个工作日后到期</numerusform>
        </translation>
    </message>
    <message>
        <source>none open</source>
        <translation>没有未完成的申请</translation>
    </message>
    <message numerus="yes">
        <source>%n security incident(s)</source>
        <translation>
            <numerusform>%n 起安全事件</numerusform>
        </translation>
    </message>
    <message>
        <source>acknowledged</source>
        <translation>已确认</translation>
    </message>
    <message>
        <source>new version to acknowledge</source>
        <translation>有新版本待确认</translation>
    </message>
    <message numerus="yes">
        <source>⚠ %n unread security incident notice(s) about your data: {0}</source>
        <translation>
            <numerusform>⚠ %n 条关于您数据的未读安全事件告知：{0}</numerusform>
        </translation>
    </message>
    <message>
        <source>Read the notice</source>
        <translation>阅读告知</translation>
    </message>
</context>
<context>
    <name>Page</name>
    <message>
        <source>Try again</source>
        <translation>重试</translation>
    </message>
</context>
<context>
    <name>PagedTable</name>
    <message>
        <source>Try again</source>
        <translation>重试</translation>
    </message>
    <message>
        <source>Try loading {0} again</source>
        <translation>重新加载{0}</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <source>Nothing recorded.</source>
        <translation>暂无记录。</translation>
    </message>
    <message>
        <source>{0} records</source>
        <translation>{0} 条记录</translation>
    </message>
    <message>
        <source>{0} records loaded; scroll for more</source>
        <translation>已加载 {0} 条记录；滚动查看更多</translation>
    </message>
</context>
<context>
    <name>PassphraseDialog</name>
    <message>
        <source>Passphrase</source>
        <translation>密码短语</translation>
    </message>
</context>
<context>
    <name>PathField</name>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>Browse for: {0}</source>
        <translation>浏览：{0}</translation>
    </message>
</context>
<context>
    <name>ReceiptPanel</name>
    <message>
        <source>Withdrawing consent stops this use from now on. It does not undo processing that already happened while your consent was in force.</source>
        <translation>撤回同意后，商城将从此停止这项使用，但不影响撤回前基于您的同意已进行的处理。</translation>
    </message>
    <message>
        <source>Copy receipt reference</source>
        <translation>复制回执编号</translation>
    </message>
    <message>
        <source>Receipt {0}: “{1}” {2} at {3}, under policy version {4}.</source>
        <translation>回执 {0}：{3}，{2}“{1}”，适用政策版本 {4}。</translation>
    </message>
    <message>
        <source>Shop signature: {0}</source>
        <translation>商城签名：{0}</translation>
    </message>
</context>
<context>
    <name>RequestDetail</name>
    <message>
        <source>accepted by the shop</source>
        <translation>商城已接受</translation>
    </message>
    <message>
        <source>not accepted: {0}</source>
        <translation>未被接受：{0}</translation>
    </message>
    <message>
        <source>waiting for the shop&apos;s review</source>
        <translation>等待商城审核</translation>
    </message>
    <message>
        <source>Document {0} ({1}, sent {2}): {3}</source>
        <translation>文件 {0}（{1}，发送于 {2}）：{3}</translation>
    </message>
    <message>
        <source>Select a request to see its timeline, result and actions.</source>
        <translation>选择一项申请，查看其处理进程、结果及可执行的操作。</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>收到时间</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>截止日期</translation>
    </message>
    <message>
        <source>Filed by</source>
        <translation>提交人</translation>
    </message>
    <message>
        <source>Request details</source>
        <translation>申请详情</translation>
    </message>
    <message>
        <source>What was asked</source>
        <translation>申请内容</translation>
    </message>
    <message>
        <source>Refusal</source>
        <translation>拒绝理由</translation>
    </message>
    <message>
        <source>Fee quoted by the shop</source>
        <translation>商城报价的费用</translation>
    </message>
    <message>
        <source>Accept the fee…</source>
        <translation>接受费用…</translation>
    </message>
    <message>
        <source>Withdraw the request…</source>
        <translation>撤回申请…</translation>
    </message>
    <message>
        <source>Cancel request…</source>
        <translation>撤销申请…</translation>
    </message>
    <message>
        <source>Verification code</source>
        <translation>验证码</translation>
    </message>
    <message>
        <source>Verify identity</source>
        <translation>验证身份</translation>
    </message>
    <message>
        <source>Show demo code</source>
        <translation>显示演示验证码</translation>
    </message>
    <message>
        <source>Code sent to you:</source>
        <translation>您收到的验证码：</translation>
    </message>
    <message>
        <source>Or prove it with a document:</source>
        <translation>或用文件证明身份：</translation>
    </message>
    <message>
        <source>Kind of proof</source>
        <translation>证明类型</translation>
    </message>
    <message>
        <source>Send a document…</source>
        <translation>发送文件…</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Deletion receipts</source>
        <translation>删除回执</translation>
    </message>
    <message>
        <source>Download archive…</source>
        <translation>下载数据档案…</translation>
    </message>
    <message>
        <source>Download progress</source>
        <translation>下载进度</translation>
    </message>
    <message>
        <source>Cancel download</source>
        <translation>取消下载</translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation>处理进程</translation>
    </message>
    <message>
        <source>Extended: {0} (originally due {1})</source>
        <translation>已延期至 {0}（原截止日期 {1}）</translation>
    </message>
    <message>
        <source>Resolution: {0}</source>
        <translation>处理结果：{0}</translation>
    </message>
    <message>
        <source>Your archive is ready ({0}).</source>
        <translation>您的数据档案已准备好（{0}）。</translation>
    </message>
    <message>
        <source>Loading the result…</source>
        <translation>正在加载结果…</translation>
    </message>
    <message>
        <source>Sign in to this shop to see the result.</source>
        <translation>登录此商城后即可查看结果。</translation>
    </message>
    <message>
        <source>Decision: {0} by {1} on {2}</source>
        <translation>决策：{0}，由 {1} 于 {2} 做出</translation>
    </message>
    <message>
        <source>Significance: {0}</source>
        <translation>影响程度：{0}</translation>
    </message>
    <message>
        <source>Main factors:</source>
        <translation>主要因素：</translation>
    </message>
    <message>
        <source>Data used: {0}</source>
        <translation>使用的数据：{0}</translation>
    </message>
    <message>
        <source>Model version: {0}</source>
        <translation>模型版本：{0}</translation>
    </message>
    <message>
        <source>{0} ({1})</source>
        <translation>{0}（{1}）</translation>
    </message>
    <message>
        <source>Deleted: {0}</source>
        <translation>已删除：{0}</translation>
    </message>
    <message>
        <source>nothing</source>
        <translation>无</translation>
    </message>
    <message>
        <source>Kept: {0} — {1}</source>
        <translation>保留：{0}（{1}）</translation>
    </message>
    <message>
        <source>Partners that received the data:</source>
        <translation>接收过这些信息的合作方：</translation>
    </message>
    <message>
        <source>No partner had received this data.</source>
        <translation>没有合作方接收过这些信息。</translation>
    </message>
    <message>
        <source>{0} corrected on {1}
Before: {2}
After:  {3}</source>
        <translation>{0} 已于 {1} 更正
更正前：{2}
更正后：{3}</translation>
    </message>
    <message>
        <source>Answer from {0} on {1}:
{2}</source>
        <translation>{0} 于 {1} 答复：
{2}</translation>
    </message>
    <message>
        <source>Consents withdrawn, with signed receipts:</source>
        <translation>已撤回的同意及签名回执：</translation>
    </message>
    <message>
        <source>Sign in to this shop first.</source>
        <translation>请先登录此商城。</translation>
    </message>
    <message>
        <source>Cancel request</source>
        <translation>撤销申请</translation>
    </message>
    <message>
        <source>Cancel this request ({0})? The shop stops working on it.</source>
        <translation>要撤销此申请（{0}）吗？商城将停止处理。</translation>
    </message>
    <message>
        <source>The request was canceled.</source>
        <translation>申请已撤销。</translation>
    </message>
    <message>
        <source>Accept the fee</source>
        <translation>接受费用</translation>
    </message>
    <message>
        <source>Accept the fee the shop quoted and let it go on with the request?

{0}</source>
        <translation>接受商城报价的费用，并让商城继续处理该申请吗？

{0}</translation>
    </message>
    <message>
        <source>You accepted the fee; the shop goes on with the request.</source>
        <translation>您已接受费用，商城将继续处理该申请。</translation>
    </message>
    <message>
        <source>Withdraw the request</source>
        <translation>撤回申请</translation>
    </message>
    <message>
        <source>Withdraw this request rather than pay the fee? The shop will not answer it.</source>
        <translation>不支付费用而撤回该申请吗？商城将不再处理它。</translation>
    </message>
    <message>
        <source>The request was withdrawn; no fee is due.</source>
        <translation>申请已撤回，无需支付费用。</translation>
    </message>
    <message>
        <source>Enter the code the shop sent you.</source>
        <translation>请输入商城发送给您的验证码。</translation>
    </message>
    <message>
        <source>Thank you: your identity is verified.</source>
        <translation>谢谢，您的身份已验证。</translation>
    </message>
    <message>
        <source>Demo code: {0}</source>
        <translation>演示验证码：{0}</translation>
    </message>
    <message>
        <source>This shop sends real codes only; look for it in your messages.</source>
        <translation>此商城只发送真实验证码，请在您的消息中查找。</translation>
    </message>
    <message>
        <source>Choose the signed request or proof of identity</source>
        <translation>选择已签名的书面申请或身份证明</translation>
    </message>
    <message>
        <source>PDF or image (*.pdf *.png *.jpg *.jpeg)</source>
        <translation>PDF 或图片 (*.pdf *.png *.jpg *.jpeg)</translation>
    </message>
    <message>
        <source>The file is larger than the 2 MiB the shop accepts.</source>
        <translation>文件超过了商城可接受的 2 MiB。</translation>
    </message>
    <message>
        <source>Choose a PDF, PNG or JPEG file.</source>
        <translation>请选择 PDF、PNG 或 JPEG 文件。</translation>
    </message>
    <message>
        <source>Sent: {0}. The shop reviews it and then goes on with the request.</source>
        <translation>已发送：{0}。商城审核后将继续处理该申请。</translation>
    </message>
    <message>
        <source>Save the archive</source>
        <translation>保存数据档案</translation>
    </message>
    <message>
        <source>ZIP archives (*.zip)</source>
        <translation>ZIP 压缩文件 (*.zip)</translation>
    </message>
    <message>
        <source>Downloading…</source>
        <translation>正在下载…</translation>
    </message>
    <message>
        <source> (resumed at {0})</source>
        <translation>（从 {0} 处续传）</translation>
    </message>
    <message>
        <source>Saved to {0}{1}. Checksum verified: SHA-256 {2}</source>
        <translation>已保存到 {0}{1}。校验和已验证：SHA-256 {2}</translation>
    </message>
    <message>
        <source>Download canceled. Start it again to continue where it stopped.</source>
        <translation>下载已取消。重新开始下载即可从中断处继续。</translation>
    </message>
</context>
<context>
    <name>RequestForms</name>
    <message>
        <source>Dear {0} privacy team,</source>
        <translation>{0} 隐私团队：</translation>
    </message>
    <message>
        <source>I do not think this refusal is justified. Please review it and either handle my request or explain in detail which legal ground applies.</source>
        <translation>我认为此次拒绝没有正当理由。请重新审核，处理我的申请，或详细说明所依据的法律理由。</translation>
    </message>
    <message>
        <source>It is now overdue by {0} working days, and its status is still: {1}.</source>
        <translation>该申请现已逾期 {0} 个工作日，状态仍为：{1}。</translation>
    </message>
    <message>
        <source>Its status is: {0}.</source>
        <translation>其状态为：{0}。</translation>
    </message>
    <message>
        <source>Kind regards</source>
        <translation>此致敬礼</translation>
    </message>
    <message>
        <source>On {0} I filed a request with you ({1}, reference {2}). It was due on {3}.</source>
        <translation>我于 {0} 向贵方提交了一项申请（{1}，编号 {2}），截止日期为 {3}。</translation>
    </message>
    <message>
        <source>Please handle my request without further delay, or tell me in writing why you cannot and when I can expect an answer.</source>
        <translation>请尽快处理我的申请，或书面告知无法处理的原因以及预计何时答复。</translation>
    </message>
    <message>
        <source>Thank you in advance for your answer.</source>
        <translation>感谢您的答复。</translation>
    </message>
    <message>
        <source>The shop does not say how long it keeps data after an account is closed.</source>
        <translation>商城未说明注销账户后会将信息保存多久。</translation>
    </message>
    <message>
        <source>The shop says it deletes your data when the account is cancelled (records the law requires are kept, anonymised where possible).</source>
        <translation>商城表示注销账户时会删除您的个人信息（法律要求保存的记录除外，并尽可能匿名化）。</translation>
    </message>
    <message>
        <source>The shop says it does NOT delete all your data when the account is cancelled; file a deletion request as well if you want it gone.</source>
        <translation>商城表示注销账户时不会删除您的全部个人信息；如需删除，请另行提交删除申请。</translation>
    </message>
    <message>
        <source>The shop&apos;s retention rule: data is kept {0}.</source>
        <translation>商城的保存规则：信息保存{0}。</translation>
    </message>
    <message>
        <source>You refused it with this reason: {0}</source>
        <translation>贵方拒绝的理由是：{0}</translation>
    </message>
    <message>
        <source>Your explanation was: “{0}”</source>
        <translation>贵方的解释是：“{0}”</translation>
    </message>
    <message>
        <source>until the account is closed</source>
        <translation>直至注销账户</translation>
    </message>
    <message>
        <source>{0} is too long: at most {1} characters.</source>
        <translation>{0}过长：最多 {1} 个字符。</translation>
    </message>
</context>
<context>
    <name>Requests</name>
    <message>
        <source>Account cancellation</source>
        <translation>注销账户</translation>
    </message>
    <message>
        <source>Account details</source>
        <translation>账户资料</translation>
    </message>
    <message>
        <source>Aggregated statistics for advertising partners</source>
        <translation>向广告合作方提供汇总统计</translation>
    </message>
    <message>
        <source>Analytics cookies and similar technologies</source>
        <translation>分析类Cookie及同类技术</translation>
    </message>
    <message>
        <source>Automated decisions</source>
        <translation>自动化决策</translation>
    </message>
    <message>
        <source>Browsing history</source>
        <translation>浏览记录</translation>
    </message>
    <message>
        <source>Canceled</source>
        <translation>已撤销</translation>
    </message>
    <message>
        <source>Complaint</source>
        <translation>投诉</translation>
    </message>
    <message>
        <source>Completed</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>Consent withdrawal</source>
        <translation>撤回同意</translation>
    </message>
    <message>
        <source>Consents</source>
        <translation>授权同意</translation>
    </message>
    <message>
        <source>Copy of my data</source>
        <translation>个人信息副本</translation>
    </message>
    <message>
        <source>Correction</source>
        <translation>更正</translation>
    </message>
    <message>
        <source>Deletion</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Devices</source>
        <translation>设备信息</translation>
    </message>
    <message>
        <source>Explanation of a decision</source>
        <translation>决策解释说明</translation>
    </message>
    <message>
        <source>Human review of a decision</source>
        <translation>决策人工复核</translation>
    </message>
    <message>
        <source>Customer-service records</source>
        <translation>客服通信记录</translation>
    </message>
    <message>
        <source>Analytics processed in Singapore</source>
        <translation>在新加坡处理的统计分析</translation>
    </message>
    <message>
        <source>Identity not yet verified</source>
        <translation>身份待验证</translation>
    </message>
    <message>
        <source>Fee quoted: waiting for your answer</source>
        <translation>已报价费用：等待您的答复</translation>
    </message>
    <message>
        <source>In progress</source>
        <translation>处理中</translation>
    </message>
    <message>
        <source>In progress (extended)</source>
        <translation>处理中（已延期）</translation>
    </message>
    <message>
        <source>Interest tags</source>
        <translation>兴趣标签</translation>
    </message>
    <message>
        <source>Location services</source>
        <translation>位置服务</translation>
    </message>
    <message>
        <source>Locations</source>
        <translation>位置信息</translation>
    </message>
    <message>
        <source>Marketing messages</source>
        <translation>营销信息推送</translation>
    </message>
    <message>
        <source>Membership account</source>
        <translation>会员账户</translation>
    </message>
    <message>
        <source>Orders</source>
        <translation>订单</translation>
    </message>
    <message>
        <source>Payments</source>
        <translation>支付信息</translation>
    </message>
    <message>
        <source>Personalised recommendations</source>
        <translation>个性化推荐</translation>
    </message>
    <message>
        <source>Profile</source>
        <translation>补充资料</translation>
    </message>
    <message>
        <source>Real-name verification</source>
        <translation>实名认证</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>待处理</translation>
    </message>
    <message>
        <source>Refused</source>
        <translation>已拒绝</translation>
    </message>
    <message>
        <source>Refused as a repeated request (a fee may apply for more copies).</source>
        <translation>因重复申请而被拒绝（再次获取副本可能需要付费）。</translation>
    </message>
    <message>
        <source>Refused because answering would reveal trade secrets.</source>
        <translation>因答复会泄露商业秘密而被拒绝。</translation>
    </message>
    <message>
        <source>Refused because answering would seriously harm the lawful rights of others.</source>
        <translation>因答复会严重损害他人合法权益而被拒绝。</translation>
    </message>
    <message>
        <source>Refused because it relates to a criminal investigation, prosecution, trial or enforcement of a judgment.</source>
        <translation>因涉及刑事侦查、起诉、审判或判决执行而被拒绝。</translation>
    </message>
    <message>
        <source>Refused because the shop has evidence the request abuses the right it uses.</source>
        <translation>因商城有证据表明该申请滥用权利而被拒绝。</translation>
    </message>
    <message>
        <source>Refused because your identity could not be verified.</source>
        <translation>因无法验证您的身份而被拒绝。</translation>
    </message>
    <message>
        <source>Refused for another reason the shop gives below.</source>
        <translation>因商城在下方说明的其他原因而被拒绝。</translation>
    </message>
    <message>
        <source>Refused to protect national security.</source>
        <translation>为维护国家安全而被拒绝。</translation>
    </message>
    <message>
        <source>Refused to protect public safety, health or major public interests.</source>
        <translation>为维护公共安全、公共卫生或重大公共利益而被拒绝。</translation>
    </message>
    <message>
        <source>Risk control and account security</source>
        <translation>风险控制与账户安全</translation>
    </message>
    <message>
        <source>Sharing records</source>
        <translation>共享记录</translation>
    </message>
    <message>
        <source>Sign-in records</source>
        <translation>登录日志</translation>
    </message>
    <message>
        <source>Subscriptions</source>
        <translation>营销订阅</translation>
    </message>
    <message>
        <source>(policy § {0} {1})</source>
        <translation>（政策第 {0} 节 {1}）</translation>
    </message>
    <message>
        <source>(policy § {0})</source>
        <translation>（政策第 {0} 节）</translation>
    </message>
    <message>
        <source>(the shop&apos;s own setting, not stated in the policy)</source>
        <translation>（商家自行设定，政策未载明）</translation>
    </message>
    <message>
        <source>Waiting for your answer.</source>
        <translation>等待您的答复。</translation>
    </message>
    <message>
        <source>You accepted it; the shop goes on with the request.</source>
        <translation>您已接受，商城将继续处理该申请。</translation>
    </message>
    <message>
        <source>You withdrew the request instead.</source>
        <translation>您选择了撤回该申请。</translation>
    </message>
    <message>
        <source>Fee: {0}</source>
        <translation>费用：{0}</translation>
    </message>
    <message>
        <source>not yet</source>
        <translation>尚未</translation>
    </message>
    <message>
        <source>{0} · customer service agent</source>
        <translation>{0} · 客服人员</translation>
    </message>
    <message>
        <source>{0} — due today</source>
        <translation>{0}（今天截止）</translation>
    </message>
    <message>
        <source>{0} — overdue by {1} working days</source>
        <translation>{0}（已逾期 {1} 个工作日）</translation>
    </message>
    <message>
        <source>{0} — {1} working days left</source>
        <translation>{0}（剩余 {1} 个工作日）</translation>
    </message>
</context>
<context>
    <name>RequestsPage</name>
    <message>
        <source>Requests</source>
        <translation>申请</translation>
    </message>
    <message>
        <source>New request…</source>
        <translation>新建申请…</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>显示</translation>
    </message>
    <message>
        <source>Open requests</source>
        <translation>未完成的申请</translation>
    </message>
    <message>
        <source>All requests</source>
        <translation>全部申请</translation>
    </message>
    <message>
        <source>Show:</source>
        <translation>显示：</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>{0}: {1}</source>
        <translation>{0}：{1}</translation>
    </message>
    <message>
        <source>The outbox could not be sent: {0}</source>
        <translation>待发送的申请未能发出：{0}</translation>
    </message>
    <message numerus="yes">
        <source>The shop did not accept %n request(s) from the outbox: see “Unsent requests…”.</source>
        <translation>
            <numerusform>商家未受理待发送的 %n 个申请：请查看“未发送的申请…”。</numerusform>
        </translation>
    </message>
    <message>
        <source>No requests yet. Use “New request…” to ask a shop for a copy of your data, a correction, a deletion and more.</source>
        <translation>还没有申请。点击“新建申请…”，即可向商城申请获取个人信息副本、更正、删除等。</translation>
    </message>
    <message>
        <source>No open requests. Choose “All requests” to see the finished ones.</source>
        <translation>没有未完成的申请。选择“全部申请”可查看已结束的申请。</translation>
    </message>
    <message>
        <source>Your request was filed: {0}. Enter the code the shop sent you to verify it.</source>
        <translation>您的请求已提交：{0}。请输入商店发给您的验证码进行验证。</translation>
    </message>
    <message>
        <source>Your request was filed: {0}.</source>
        <translation>您的申请已提交：{0}。</translation>
    </message>
    <message>
        <source>The shop cannot be reached. Your request is kept in the outbox and will be sent once the shop is back.</source>
        <translation>无法连接商城。您的申请已保存在发件箱中，待商城恢复后自动发送。</translation>
    </message>
    <message>
        <source>Unsent requests…</source>
        <translation>未发送的申请…</translation>
    </message>
    <message>
        <source>See the requests the shop refused: edit and file them again, or delete them</source>
        <translation>查看商家拒收的申请：修改后重新提交，或将其删除</translation>
    </message>
    <message numerus="yes">
        <source>%n request(s) from the outbox were sent.</source>
        <translation>
            <numerusform>发件箱中的 %n 项申请已发送。</numerusform>
        </translation>
    </message>
    <message>
        <source>Prove who you are below: with the code the shop sent you, or with a document where the shop accepts one.</source>
        <translation>请在下方证明您的身份：输入商城发送给您的验证码，或在商城接受的情况下发送证明文件。</translation>
    </message>
    <message numerus="yes">
        <source>%n request(s) waiting to be sent</source>
        <translation>
            <numerusform>%n 项申请等待发送</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n request(s) the shop did not accept</source>
        <translation>
            <numerusform>%n 项申请未被商城接受</numerusform>
        </translation>
    </message>
    <message>
        <source>a shop no longer added</source>
        <translation>一家已移除的商家</translation>
    </message>
    <message>
        <source>Switch to {0} to edit and file it again.</source>
        <translation>请切换到 {0} 以修改并重新提交。</translation>
    </message>
    <message>
        <source>File it again from your own sign-in.</source>
        <translation>请使用您本人的登录重新提交。</translation>
    </message>
    <message>
        <source>Switch to the account that wrote it to edit and file it again.</source>
        <translation>请切换到撰写该申请的账户以修改并重新提交。</translation>
    </message>
    <message>
        <source>This shop no longer takes this kind of request.</source>
        <translation>该商家已不再受理此类申请。</translation>
    </message>
</context>
<context>
    <name>RightsCardWidget</name>
    <message>
        <source>Your rights here</source>
        <translation>您在本商城的权利</translation>
    </message>
    <message>
        <source>Not loaded yet.</source>
        <translation>尚未加载。</translation>
    </message>
    <message>
        <source>(policy § {0})</source>
        <translation>（政策第 {0} 条）</translation>
    </message>
    <message>
        <source>(not stated in the policy: the shop&apos;s own setting)</source>
        <translation>（政策未载明：商家自行设定）</translation>
    </message>
    <message>
        <source>• {0} {1}</source>
        <translation>• {0}{1}</translation>
    </message>
    <message>
        <source>This shop does not publish a rights card.</source>
        <translation>该商城未公布权利说明。</translation>
    </message>
    <message>
        <source>Answer deadline: {0} {1}</source>
        <translation>答复期限：{0}{1}</translation>
    </message>
    <message>
        <source>Fees: {0} {1}</source>
        <translation>费用：{0}{1}</translation>
    </message>
    <message>
        <source>How you prove who you are:</source>
        <translation>身份验证方式：</translation>
    </message>
    <message>
        <source>Grounds on which the shop may refuse:</source>
        <translation>商家可拒绝的情形：</translation>
    </message>
    <message>
        <source>Where to turn:</source>
        <translation>联系与投诉渠道：</translation>
    </message>
    <message>
        <source>Sections of the shop&apos;s policy cited above:</source>
        <translation>以上引用的商城政策条款：</translation>
    </message>
    <message>
        <source>§ {0} {1}</source>
        <translation>第 {0} 条 {1}</translation>
    </message>
</context>
<context>
    <name>SharingPage</name>
    <message>
        <source>Sharing</source>
        <translation>信息共享</translation>
    </message>
    <message>
        <source>This shop lists no partners that receive your data.</source>
        <translation>此商城未列出接收您信息的合作方。</translation>
    </message>
    <message>
        <source>Who receives your data, which data, why, and on what legal basis. Select a partner to see each time your data was shared with it.</source>
        <translation>谁接收了您的信息、接收了哪些信息、用途以及法律依据。选择一个合作方，可查看每一次向其共享信息的记录。</translation>
    </message>
    <message>
        <source>Partners who receive your data</source>
        <translation>接收您信息的合作方</translation>
    </message>
    <message>
        <source>Times your data was shared with this partner</source>
        <translation>向此合作方共享信息的记录</translation>
    </message>
    <message>
        <source>Try again</source>
        <translation>重试</translation>
    </message>
    <message>
        <source>Chart: which data goes to which partner</source>
        <translation>图表：哪些信息流向哪些合作方</translation>
    </message>
    <message>
        <source>Left: your data by category. Right: partners. Thicker lines mean more disclosures; grey lines go to partners that only get aggregated statistics; dashed lines are declared but nothing was shared yet.</source>
        <translation>左侧：按类别列出的您的信息。右侧：合作方。线条越粗，表示共享次数越多；灰色线条指向仅获得匿名化统计数据的合作方；虚线表示已声明但尚未实际共享。</translation>
    </message>
    <message>
        <source>Flows</source>
        <translation>信息流向</translation>
    </message>
    <message>
        <source>Where each category of your data is stored: country and storage provider.</source>
        <translation>各类信息的存储位置：国家/地区和存储服务商。</translation>
    </message>
    <message>
        <source>Where your data is stored</source>
        <translation>您的信息存储在哪里</translation>
    </message>
    <message>
        <source>Where it is stored</source>
        <translation>存储位置</translation>
    </message>
    <message numerus="yes">
        <source>{0} → {1}: shared %n time(s)</source>
        <translation>
            <numerusform>{0} → {1}：共享 %n 次</numerusform>
        </translation>
    </message>
    <message>
        <source>Shared only with its own consent: {0}</source>
        <translation>仅在单独取得您的同意后共享：{0}</translation>
    </message>
    <message numerus="yes">
        <source>%n disclosure(s) shown</source>
        <translation>
            <numerusform>显示 %n 次共享</numerusform>
        </translation>
    </message>
    <message>
        <source>{0}: {1}</source>
        <translation>{0}：{1}</translation>
    </message>
    <message>
        <source>Select a partner to see its details.</source>
        <translation>选择一个合作方查看详情。</translation>
    </message>
    <message>
        <source>Type: {0}</source>
        <translation>类型：{0}</translation>
    </message>
    <message>
        <source>Data: {0}</source>
        <translation>数据：{0}</translation>
    </message>
    <message>
        <source>Purpose: {0}</source>
        <translation>用途：{0}</translation>
    </message>
    <message>
        <source>Legal basis: {0}</source>
        <translation>法律依据：{0}</translation>
    </message>
    <message>
        <source>Form: {0}</source>
        <translation>形式：{0}</translation>
    </message>
    <message>
        <source>Country: {0}</source>
        <translation>国家/地区：{0}</translation>
    </message>
    <message>
        <source>First shared: {0}   Last shared: {1}</source>
        <translation>首次共享：{0}   最近共享：{1}</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <source>Nothing has been shared with this partner.</source>
        <translation>尚未向此合作方共享任何信息。</translation>
    </message>
</context>
<context>
    <name>SignInWaitDialog</name>
    <message>
        <source>Signing in</source>
        <translation>正在登录</translation>
    </message>
    <message>
        <source>Waiting for you in the browser… Sign in to {0} on the page that opened there; this window closes by itself when you are done.</source>
        <translation>正在等待您在浏览器中操作… 请在浏览器打开的页面上登录“{0}”；完成后此窗口会自动关闭。</translation>
    </message>
    <message>
        <source>Wrong password or changed your mind? Try again in the browser, or press Cancel here: nothing is changed.</source>
        <translation>密码输错了或不想登录了？可以在浏览器中重试，或在这里点击“取消”：不会有任何更改。</translation>
    </message>
</context>
<context>
    <name>SqliteDialog</name>
    <message>
        <source>Convert archive to SQLite</source>
        <translation>将数据档案转换为 SQLite</translation>
    </message>
    <message>
        <source>Archive to convert</source>
        <translation>要转换的数据档案</translation>
    </message>
    <message>
        <source>Passphrase (if encrypted)</source>
        <translation>密码（如已加密）</translation>
    </message>
    <message>
        <source>Save the database as</source>
        <translation>数据库另存为</translation>
    </message>
    <message>
        <source>Archive:</source>
        <translation>数据档案：</translation>
    </message>
    <message>
        <source>Passphrase (if encrypted):</source>
        <translation>密码（如已加密）：</translation>
    </message>
    <message>
        <source>Save as:</source>
        <translation>另存为：</translation>
    </message>
    <message>
        <source>The database is not encrypted, even when the archive is: anyone who can open the file can read your data.</source>
        <translation>即使存档已加密，数据库也不会加密：任何能打开该文件的人都能读取您的数据。</translation>
    </message>
    <message>
        <source>Convert</source>
        <translation>转换</translation>
    </message>
    <message>
        <source>Choose the archive and where to save the database.</source>
        <translation>请选择数据档案和数据库的保存位置。</translation>
    </message>
    <message>
        <source>Nothing was converted.</source>
        <translation>未进行任何转换。</translation>
    </message>
    <message>
        <source>This archive is encrypted, but the database will not be: your data is written to it decrypted, readable by anyone who can open the file.</source>
        <translation>此存档已加密，但数据库不会加密：您的数据将以解密后的形式写入其中，任何能打开该文件的人都能读取。</translation>
    </message>
    <message>
        <source>Convert it anyway? Keep the database somewhere only you can reach, and delete it when you no longer need it.</source>
        <translation>仍要转换吗？请把数据库存放在只有您能访问的位置，不再需要时请将其删除。</translation>
    </message>
    <message>
        <source>Convert, not encrypted</source>
        <translation>转换（不加密）</translation>
    </message>
    <message>
        <source>Converting…</source>
        <translation>正在转换…</translation>
    </message>
    <message>
        <source>  {0}: {1} rows</source>
        <translation>  {0}：{1} 行</translation>
    </message>
    <message>
        <source>Saved to {0}
Tables:
{1}</source>
        <translation>已保存到 {0}
数据表：
{1}</translation>
    </message>
    <message>
        <source>Full-text search over your searches: tracks_fts</source>
        <translation>对您的搜索记录进行全文搜索：tracks_fts</translation>
    </message>
</context>
<context>
    <name>Terms</name>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <source>1 day</source>
        <translation>1 天</translation>
    </message>
    <message>
        <source>1 month</source>
        <translation>1 个月</translation>
    </message>
    <message>
        <source>1 week</source>
        <translation>1 周</translation>
    </message>
    <message>
        <source>1 year</source>
        <translation>1 年</translation>
    </message>
    <message>
        <source>A task in the public interest</source>
        <translation>公共利益</translation>
    </message>
    <message>
        <source>Advertising</source>
        <translation>广告</translation>
    </message>
    <message>
        <source>Successor in a merger or acquisition</source>
        <translation>合并或收购的承继方</translation>
    </message>
    <message>
        <source>The public</source>
        <translation>公众</translation>
    </message>
    <message>
        <source>Aggregated only</source>
        <translation>仅汇总统计</translation>
    </message>
    <message>
        <source>Alipay</source>
        <translation>支付宝</translation>
    </message>
    <message>
        <source>Analytics</source>
        <translation>数据分析</translation>
    </message>
    <message>
        <source>Bank card</source>
        <translation>银行卡</translation>
    </message>
    <message>
        <source>Base station</source>
        <translation>基站</translation>
    </message>
    <message>
        <source>Canceled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>Cash on delivery</source>
        <translation>货到付款</translation>
    </message>
    <message>
        <source>Collected when you use the shop</source>
        <translation>使用商城时收集</translation>
    </message>
    <message>
        <source>Completed</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>Computer</source>
        <translation>电脑</translation>
    </message>
    <message>
        <source>Contact name</source>
        <translation>联系人</translation>
    </message>
    <message>
        <source>Cookie</source>
        <translation>Cookie</translation>
    </message>
    <message>
        <source>Credit card</source>
        <translation>信用卡</translation>
    </message>
    <message>
        <source>Customer service</source>
        <translation>客户服务</translation>
    </message>
    <message>
        <source>Debit card</source>
        <translation>借记卡</translation>
    </message>
    <message>
        <source>Delivered</source>
        <translation>已送达</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>电子邮件</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>First party (the shop)</source>
        <translation>第一方（商城）</translation>
    </message>
    <message>
        <source>Fixed phone</source>
        <translation>固定电话</translation>
    </message>
    <message>
        <source>Flash cookie</source>
        <translation>Flash Cookie</translation>
    </message>
    <message>
        <source>GPS</source>
        <translation>GPS</translation>
    </message>
    <message>
        <source>Gender</source>
        <translation>性别</translation>
    </message>
    <message>
        <source>Given</source>
        <translation>已同意</translation>
    </message>
    <message>
        <source>ID number (masked)</source>
        <translation>身份证号（已脱敏）</translation>
    </message>
    <message>
        <source>IP address</source>
        <translation>IP 地址</translation>
    </message>
    <message>
        <source>Identifiable</source>
        <translation>可识别</translation>
    </message>
    <message>
        <source>Identity verification</source>
        <translation>身份验证</translation>
    </message>
    <message>
        <source>Identity verified</source>
        <translation>身份已验证</translation>
    </message>
    <message>
        <source>In-site letters</source>
        <translation>站内信</translation>
    </message>
    <message>
        <source>Inferred by the shop</source>
        <translation>商城推断</translation>
    </message>
    <message>
        <source>Infrastructure / cloud</source>
        <translation>基础设施/云服务</translation>
    </message>
    <message>
        <source>Job</source>
        <translation>职业</translation>
    </message>
    <message>
        <source>Laptop</source>
        <translation>笔记本电脑</translation>
    </message>
    <message>
        <source>Local storage</source>
        <translation>本地存储</translation>
    </message>
    <message>
        <source>Logistics</source>
        <translation>物流</translation>
    </message>
    <message>
        <source>Main business</source>
        <translation>主营业务</translation>
    </message>
    <message>
        <source>Member name</source>
        <translation>会员名</translation>
    </message>
    <message>
        <source>Membership</source>
        <translation>会员账户</translation>
    </message>
    <message>
        <source>Mobile phone</source>
        <translation>手机</translation>
    </message>
    <message>
        <source>Needed to fulfil your contract with the shop</source>
        <translation>履行合同</translation>
    </message>
    <message>
        <source>Not paid</source>
        <translation>未支付</translation>
    </message>
    <message>
        <source>Not stated in the policy (the shop&apos;s own setting)</source>
        <translation>政策未载明（商家自行设定）</translation>
    </message>
    <message>
        <source>Optional profile</source>
        <translation>选填资料</translation>
    </message>
    <message>
        <source>Paid</source>
        <translation>已支付</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>Pay later</source>
        <translation>先用后付</translation>
    </message>
    <message>
        <source>Payment</source>
        <translation>支付</translation>
    </message>
    <message>
        <source>Pending</source>
        <translation>待处理</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>手机</translation>
    </message>
    <message>
        <source>Pixel tag</source>
        <translation>像素标签</translation>
    </message>
    <message>
        <source>Provided by you</source>
        <translation>您提供</translation>
    </message>
    <message>
        <source>Public authority</source>
        <translation>公共机关</translation>
    </message>
    <message>
        <source>Push notifications</source>
        <translation>推送通知</translation>
    </message>
    <message>
        <source>Real name</source>
        <translation>真实姓名</translation>
    </message>
    <message>
        <source>Received from a partner</source>
        <translation>来自合作方</translation>
    </message>
    <message>
        <source>Refunded</source>
        <translation>已退款</translation>
    </message>
    <message>
        <source>Required by law</source>
        <translation>法定义务</translation>
    </message>
    <message>
        <source>Returned</source>
        <translation>已退货</translation>
    </message>
    <message>
        <source>Shipped</source>
        <translation>已发货</translation>
    </message>
    <message>
        <source>Tablet</source>
        <translation>平板电脑</translation>
    </message>
    <message>
        <source>Text messages (SMS)</source>
        <translation>短信</translation>
    </message>
    <message>
        <source>The shop&apos;s legitimate interest</source>
        <translation>正当利益</translation>
    </message>
    <message>
        <source>Third party</source>
        <translation>第三方</translation>
    </message>
    <message>
        <source>To protect someone&apos;s life or health</source>
        <translation>重大利益（保护生命健康）</translation>
    </message>
    <message>
        <source>Wallet</source>
        <translation>钱包</translation>
    </message>
    <message>
        <source>WeChat Pay</source>
        <translation>微信支付</translation>
    </message>
    <message>
        <source>Web beacon</source>
        <translation>网络信标</translation>
    </message>
    <message>
        <source>Wi-Fi</source>
        <translation>Wi-Fi</translation>
    </message>
    <message>
        <source>Withdrawn</source>
        <translation>已撤回</translation>
    </message>
    <message>
        <source>Your consent</source>
        <translation>您的同意</translation>
    </message>
    <message>
        <source>a guardian has given consent</source>
        <translation>监护人已同意</translation>
    </message>
    <message>
        <source>a guardian has refused consent</source>
        <translation>监护人已拒绝</translation>
    </message>
    <message>
        <source>a guardian has withdrawn consent</source>
        <translation>监护人已撤回同意</translation>
    </message>
    <message>
        <source>not needed</source>
        <translation>无需</translation>
    </message>
    <message>
        <source>Bluetooth</source>
        <translation>蓝牙</translation>
    </message>
    <message>
        <source>Location: always allowed</source>
        <translation>位置：始终允许</translation>
    </message>
    <message>
        <source>Location: only while using the app</source>
        <translation>位置：仅在使用应用时允许</translation>
    </message>
    <message>
        <source>Location: not allowed</source>
        <translation>位置：不允许</translation>
    </message>
    <message>
        <source>Notifications on</source>
        <translation>通知开启</translation>
    </message>
    <message>
        <source>Notifications off</source>
        <translation>通知关闭</translation>
    </message>
    <message>
        <source>Dark mode on</source>
        <translation>深色模式开启</translation>
    </message>
    <message>
        <source>Dark mode off</source>
        <translation>深色模式关闭</translation>
    </message>
    <message>
        <source>Language: {0}</source>
        <translation>语言：{0}</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <source>{0}: {1}</source>
        <translation>{0}：{1}</translation>
    </message>
    <message>
        <source>Female</source>
        <translation>女</translation>
    </message>
    <message>
        <source>Male</source>
        <translation>男</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>其他</translation>
    </message>
    <message>
        <source>Not known</source>
        <translation>未知</translation>
    </message>
    <message>
        <source>Verified</source>
        <translation>已验证</translation>
    </message>
    <message>
        <source>Not verified</source>
        <translation>未验证</translation>
    </message>
    <message>
        <source>Being checked</source>
        <translation>审核中</translation>
    </message>
    <message>
        <source>until the account is closed</source>
        <translation>直至注销账户</translation>
    </message>
    <message>
        <source>waiting for a guardian&apos;s consent</source>
        <translation>等待监护人同意</translation>
    </message>
    <message>
        <source>{0} (shop&apos;s setting, not stated in the policy)</source>
        <translation>{0}（商家自行设定，政策未载明）</translation>
    </message>
    <message>
        <source>{0} days</source>
        <translation>{0} 天</translation>
    </message>
    <message>
        <source>{0} months</source>
        <translation>{0} 个月</translation>
    </message>
    <message>
        <source>{0} weeks</source>
        <translation>{0} 周</translation>
    </message>
    <message>
        <source>{0} years</source>
        <translation>{0} 年</translation>
    </message>
    <message>
        <source>✓ verified</source>
        <translation>✓ 已验证</translation>
    </message>
    <message>
        <source>✗ NOT verified</source>
        <translation>✗ 未通过验证</translation>
    </message>
    <message>
        <source>Phone call</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Online chat</source>
        <translation>在线咨询</translation>
    </message>
    <message>
        <source>Letter</source>
        <translation>信函</translation>
    </message>
    <message>
        <source>Shared with a partner</source>
        <translation>向合作方共享</translation>
    </message>
    <message>
        <source>Transferred in a merger or acquisition</source>
        <translation>因合并或收购而转让</translation>
    </message>
    <message>
        <source>Made public</source>
        <translation>公开披露</translation>
    </message>
    <message>
        <source>{0} min {1} s</source>
        <translation>{0} 分 {1} 秒</translation>
    </message>
    <message>
        <source>No exception: this needs your consent or another stated basis.</source>
        <translation>不适用例外情形：需要您的同意或其他已说明的依据。</translation>
    </message>
    <message>
        <source>No consent needed: {0} ({1})</source>
        <translation>无需同意：{0}（{1}）</translation>
    </message>
    <message>
        <source>The shop states no consequence of refusing.</source>
        <translation>商城未说明拒绝的后果。</translation>
    </message>
    <message>
        <source>If you refuse: {0} ({1})</source>
        <translation>如您拒绝：{0}（{1}）</translation>
    </message>
    <message>
        <source>The shop says nothing about an agreement with this recipient.</source>
        <translation>商城未说明与该接收方的协议情况。</translation>
    </message>
    <message>
        <source>No data-protection agreement (not a contracted partner).</source>
        <translation>无数据保护协议（非签约合作方）。</translation>
    </message>
    <message>
        <source>Data-protection agreement signed {0}: {1} ({2})</source>
        <translation>已于 {0} 签署数据保护协议：{1}（{2}）</translation>
    </message>
    <message>
        <source>None</source>
        <translation>无</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>Your data goes abroad, to {0}, only with this consent ({1}).</source>
        <translation>只有取得此项同意，您的数据才会传输到境外的{0}（{1}）。</translation>
    </message>
    <message>
        <source>{0} ({1})</source>
        <translation>{0}（{1}）</translation>
    </message>
    <message>
        <source>Home page</source>
        <translation>首页</translation>
    </message>
    <message>
        <source>Shopping cart</source>
        <translation>购物车</translation>
    </message>
    <message>
        <source>Your orders</source>
        <translation>您的订单</translation>
    </message>
    <message>
        <source>Your profile</source>
        <translation>您的个人资料</translation>
    </message>
    <message>
        <source>Your delivery addresses</source>
        <translation>您的收货地址</translation>
    </message>
    <message>
        <source>Coupon centre</source>
        <translation>领券中心</translation>
    </message>
    <message>
        <source>After-sales help</source>
        <translation>售后帮助</translation>
    </message>
    <message>
        <source>Flash sale</source>
        <translation>限时秒杀</translation>
    </message>
    <message>
        <source>WeChat&apos;s in-app browser</source>
        <translation>微信内置浏览器</translation>
    </message>
    <message>
        <source>A product page</source>
        <translation>商品详情页</translation>
    </message>
    <message>
        <source>Search for “{0}”</source>
        <translation>搜索“{0}”</translation>
    </message>
    <message>
        <source>Search results</source>
        <translation>搜索结果</translation>
    </message>
    <message>
        <source>Another page of the shop</source>
        <translation>商城的其他页面</translation>
    </message>
    <message>
        <source>{0} app {1} ({2})</source>
        <translation>{0} 客户端 {1}（{2}）</translation>
    </message>
    <message>
        <source>{0} browser {1} ({2})</source>
        <translation>{0} 浏览器 {1}（{2}）</translation>
    </message>
</context>
<context>
    <name>TracksPage</name>
    <message>
        <source>My Tracks</source>
        <translation>我的足迹</translation>
    </message>
    <message>
        <source>History</source>
        <translation>历史记录</translation>
    </message>
    <message>
        <source>Activity</source>
        <translation>活动</translation>
    </message>
    <message>
        <source>Interests and personalisation</source>
        <translation>兴趣与个性化</translation>
    </message>
    <message>
        <source>Search your history (Ctrl+F)</source>
        <translation>搜索历史记录（Ctrl+F）</translation>
    </message>
    <message>
        <source>Search history</source>
        <translation>搜索历史记录</translation>
    </message>
    <message>
        <source>All records</source>
        <translation>全部记录</translation>
    </message>
    <message>
        <source>Searches</source>
        <translation>搜索</translation>
    </message>
    <message>
        <source>Product views</source>
        <translation>商品浏览</translation>
    </message>
    <message>
        <source>Kind of record</source>
        <translation>记录类型</translation>
    </message>
    <message>
        <source>From date</source>
        <translation>开始日期</translation>
    </message>
    <message>
        <source>To date (inclusive)</source>
        <translation>结束日期（含当天）</translation>
    </message>
    <message>
        <source>Any date</source>
        <translation>不限日期</translation>
    </message>
    <message>
        <source>Show records of every date</source>
        <translation>显示所有日期的记录</translation>
    </message>
    <message>
        <source>From:</source>
        <translation>从：</translation>
    </message>
    <message>
        <source>To:</source>
        <translation>到：</translation>
    </message>
    <message>
        <source>Search and browsing history</source>
        <translation>搜索和浏览记录</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Try again</source>
        <translation>重试</translation>
    </message>
    <message>
        <source>Delete selected</source>
        <translation>删除所选</translation>
    </message>
    <message>
        <source>Delete the selected records (Delete)</source>
        <translation>删除所选记录（Delete 键）</translation>
    </message>
    <message>
        <source>Delete range…</source>
        <translation>按日期删除…</translation>
    </message>
    <message>
        <source>Delete all…</source>
        <translation>全部删除…</translation>
    </message>
    <message>
        <source>By month, whole history</source>
        <translation>按月，全部历史</translation>
    </message>
    <message>
        <source>By week, last 12 months</source>
        <translation>按周，最近 12 个月</translation>
    </message>
    <message>
        <source>By day, last 90 days</source>
        <translation>按天，最近 90 天</translation>
    </message>
    <message>
        <source>Chart period</source>
        <translation>图表周期</translation>
    </message>
    <message>
        <source>Searches and product views over time</source>
        <translation>搜索和商品浏览趋势</translation>
    </message>
    <message>
        <source>Personalised recommendations</source>
        <translation>个性化推荐</translation>
    </message>
    <message>
        <source>When this is on, the shop uses your search and browsing history and your interest tags to choose the products and offers it shows you. When it is off, you see the same recommendations as everyone else; your history stays until you delete it.</source>
        <translation>开启后，商城会根据您的搜索和浏览记录以及兴趣标签，挑选向您展示的商品和优惠。关闭后，您看到的推荐与其他人相同；您的历史记录会一直保留，直到您将其删除。</translation>
    </message>
    <message>
        <source>Interest tags</source>
        <translation>兴趣标签</translation>
    </message>
    <message>
        <source>The shop infers these tags from what you do and uses them to place you in “crowd portraits”: groups of shoppers with similar interests. They are guesses, not something you told the shop. Removing a tag asks the shop to stop using it.</source>
        <translation>这些标签是商城根据您的行为推断出来的，用于把您归入“人群画像”，即兴趣相似的购物者群体。它们只是推测，并不是您告诉商城的信息。删除标签即要求商城停止使用它。</translation>
    </message>
    <message>
        <source>Remove tag</source>
        <translation>删除标签</translation>
    </message>
    <message>
        <source>No search or browsing records.</source>
        <translation>没有搜索或浏览记录。</translation>
    </message>
    <message>
        <source>The start date is after the end date.</source>
        <translation>开始日期晚于结束日期。</translation>
    </message>
    <message>
        <source>Offline: could not search ({0}). Still showing the records loaded before.</source>
        <translation>离线：无法搜索（{0}）。仍显示之前加载的记录。</translation>
    </message>
    <message>
        <source>Could not load more: {0}</source>
        <translation>无法加载更多：{0}</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <source>{0} loaded, loading more…</source>
        <translation>已加载 {0} 条，正在加载更多…</translation>
    </message>
    <message>
        <source>No records match these filters.</source>
        <translation>没有符合筛选条件的记录。</translation>
    </message>
    <message>
        <source>{0} loaded (all)</source>
        <translation>已加载 {0} 条（全部）</translation>
    </message>
    <message>
        <source>{0} loaded; scroll down for more</source>
        <translation>已加载 {0} 条；向下滚动查看更多</translation>
    </message>
    <message>
        <source>The shop holds no interest tags for you.</source>
        <translation>商城没有为您保存任何兴趣标签。</translation>
    </message>
    <message>
        <source>{0} tags</source>
        <translation>{0} 个标签</translation>
    </message>
    <message>
        <source>Delete this record?</source>
        <translation>要删除这条记录吗？</translation>
    </message>
    <message>
        <source>Delete the {0} selected records?</source>
        <translation>要删除所选的 {0} 条记录吗？</translation>
    </message>
    <message>
        <source>This cannot be undone.</source>
        <translation>此操作无法撤销。</translation>
    </message>
    <message>
        <source>Delete records</source>
        <translation>删除记录</translation>
    </message>
    <message>
        <source>Delete a date range</source>
        <translation>按日期范围删除</translation>
    </message>
    <message>
        <source>Delete every record from {0} to {1}?</source>
        <translation>要删除 {0} 至 {1} 的所有记录吗？</translation>
    </message>
    <message>
        <source>This deletes all searches and product views of these days, including those not shown with the current filters. It cannot be undone.</source>
        <translation>这将删除这些日期内的所有搜索和商品浏览，包括当前筛选条件下未显示的记录。此操作无法撤销。</translation>
    </message>
    <message>
        <source>The shop holds {0} records for you.</source>
        <translation>商城为您保存了 {0} 条记录。</translation>
    </message>
    <message>
        <source>1 record deleted</source>
        <translation>已删除 1 条记录</translation>
    </message>
    <message>
        <source>{0} records deleted</source>
        <translation>已删除 {0} 条记录</translation>
    </message>
    <message>
        <source>Remove interest tag</source>
        <translation>删除兴趣标签</translation>
    </message>
    <message>
        <source>Remove the interest tag “{0}”?</source>
        <translation>要删除兴趣标签“{0}”吗？</translation>
    </message>
    <message>
        <source>The shop will be asked to stop using this tag for your recommendations and crowd portraits.</source>
        <translation>商城将被要求停止在推荐和人群画像中使用此标签。</translation>
    </message>
    <message>
        <source>Tag “{0}” removed</source>
        <translation>已删除标签“{0}”</translation>
    </message>
    <message>
        <source>Personalised recommendations are on</source>
        <translation>个性化推荐已开启</translation>
    </message>
    <message>
        <source>Personalised recommendations are off</source>
        <translation>个性化推荐已关闭</translation>
    </message>
    <message>
        <source>Personalised recommendations: on</source>
        <translation>个性化推荐：开启</translation>
    </message>
    <message>
        <source>Personalised recommendations: off</source>
        <translation>个性化推荐：关闭</translation>
    </message>
    <message>
        <source>A partner</source>
        <translation>合作方</translation>
    </message>
    <message>
        <source>Product view</source>
        <translation>商品浏览</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>搜索</translation>
    </message>
    <message>
        <source>Your browsing</source>
        <translation>您的浏览</translation>
    </message>
    <message>
        <source>Your location</source>
        <translation>您的位置</translation>
    </message>
    <message>
        <source>Your orders</source>
        <translation>您的订单</translation>
    </message>
    <message>
        <source>Your searches</source>
        <translation>您的搜索</translation>
    </message>
</context>
<context>
    <name>UnsentDialog</name>
    <message>
        <source>Requests the shop did not accept</source>
        <translation>商家未受理的申请</translation>
    </message>
    <message>
        <source>These requests were kept while the shop could not be reached, and the shop refused them when they were sent. Read why, then edit one and file it again, or delete it.</source>
        <translation>这些申请是在无法连接商家时保存下来的，发送时被商家拒收。请先查看原因，然后修改并重新提交，或将其删除。</translation>
    </message>
    <message>
        <source>What you wrote</source>
        <translation>您填写的内容</translation>
    </message>
    <message>
        <source>Edit and file again</source>
        <translation>修改并重新提交</translation>
    </message>
    <message>
        <source>Delete…</source>
        <translation>删除…</translation>
    </message>
    <message>
        <source>{0} at {1}</source>
        <translation>{1}：{0}</translation>
    </message>
    <message>
        <source>No request is waiting for a decision.</source>
        <translation>没有等待处理的申请。</translation>
    </message>
    <message>
        <source>The shop&apos;s reason: {0}</source>
        <translation>商家的理由：{0}</translation>
    </message>
    <message>
        <source>This request held no text of yours.</source>
        <translation>该申请不含您填写的文字。</translation>
    </message>
    <message>
        <source>Delete the request</source>
        <translation>删除申请</translation>
    </message>
    <message>
        <source>Delete this request ({0}) for good? What you wrote in it is lost.</source>
        <translation>要永久删除此申请（{0}）吗？您在其中填写的内容将会丢失。</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Keep it</source>
        <translation>保留</translation>
    </message>
</context>
<context>
    <name>UnsentRequests</name>
    <message>
        <source>The shop gave no reason.</source>
        <translation>商家未说明理由。</translation>
    </message>
    <message>
        <source>Text:</source>
        <translation>正文：</translation>
    </message>
    <message>
        <source>Your point of view:</source>
        <translation>您的观点：</translation>
    </message>
    <message>
        <source>Reason:</source>
        <translation>理由：</translation>
    </message>
    <message>
        <source>Proposed value for {0}:</source>
        <translation>{0} 的建议值：</translation>
    </message>
    <message>
        <source>Note:</source>
        <translation>备注：</translation>
    </message>
</context>
<context>
    <name>VerifyDialog</name>
    <message>
        <source>Verify archive</source>
        <translation>验证数据档案</translation>
    </message>
    <message>
        <source>Archive to verify</source>
        <translation>要验证的数据档案</translation>
    </message>
    <message>
        <source>Shop&apos;s key file (optional)</source>
        <translation>商城的密钥文件（选填）</translation>
    </message>
    <message>
        <source>Passphrase (if encrypted)</source>
        <translation>密码（如已加密）</translation>
    </message>
    <message>
        <source>Archive:</source>
        <translation>数据档案：</translation>
    </message>
    <message>
        <source>Key file (optional):</source>
        <translation>密钥文件（选填）：</translation>
    </message>
    <message>
        <source>Passphrase (if encrypted):</source>
        <translation>密码（如已加密）：</translation>
    </message>
    <message>
        <source>Verification report</source>
        <translation>验证报告</translation>
    </message>
    <message>
        <source>Choose an archive and press Verify: the report of its checksums and its signature appears here.</source>
        <translation>选择一个数据档案并点击“验证”：其校验和与签名的检查报告将显示在这里。</translation>
    </message>
    <message>
        <source>Verify</source>
        <translation>验证</translation>
    </message>
    <message>
        <source>Choose an archive.</source>
        <translation>请选择数据档案。</translation>
    </message>
    <message>
        <source>Verifying…</source>
        <translation>正在验证…</translation>
    </message>
    <message>
        <source>The archive is fine.</source>
        <translation>数据档案正常。</translation>
    </message>
    <message>
        <source>The archive has problems.</source>
        <translation>数据档案存在问题。</translation>
    </message>
</context>
<context>
    <name>WorkDialog</name>
    <message>
        <source>Progress</source>
        <translation>进度</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>开始</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
</context>
<context>
    <name>window</name>
    <message>
        <source>Starting the demo shops…</source>
        <translation>正在启动演示商城…</translation>
    </message>
    <message>
        <source>Demo</source>
        <translation>演示</translation>
    </message>
    <message>
        <source>The demo shops could not start: {0}</source>
        <translation>演示商城无法启动：{0}</translation>
    </message>
</context>
</TS>
